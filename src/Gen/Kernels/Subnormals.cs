using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gen.Kernels;

/// <summary>
/// Keeps what training stores out of float's subnormal range (magnitudes below 2⁻¹²⁶), where Intel
/// cores take a microcode assist of about a hundred cycles on most arithmetic that reads or
/// produces such a value. Three things put subnormals there. An optimizer's state whose gradient stays
/// zero (a weight of an input that is almost always 0, a unit a ReLU has cut off) shrinks by its decay
/// factor every step and spends a hundred or more steps in that range (Adam's first moment: about
/// 150); on an Intel Xeon, 2 % of the MNIST model's first moments there made a training step 1.8×
/// slower (430 against 230 µs). And a model that fits a sample very well gives its wrong classes
/// probabilities that underflow, whose gradients the backward products then read. And the squares
/// of a well-fit model's tiny gradients, in a second moment, underflow on every step. .NET has no API
/// to set the processor's flush-to-zero mode for a thread, so the generated optimizer update and
/// the loss and activation kernels flush what they store, with an integer compare and a mask per vector.
/// </summary>
/// <remarks>
/// Values of magnitude below <see cref="FlushBelow"/> become +0. For the parameters this is
/// invisible: an Adam moment that small moves a weight by at most lr·2⁻¹²⁵/((1 − β₁ᵗ)·ε), far below
/// half an ulp of any weight above 1e-20 for the usual ε, and a second moment that small adds
/// nothing next to ε. The threshold is twice float's smallest normal value, so that a stored value
/// decayed by a factor of ½ or more is still normal. A gradient is squared only when the square's
/// term reaches the threshold (<see cref="ZeroBelow(float, float)"/>). Subnormal intermediates can
/// still occur elsewhere (a decay below ½, a gradient term below 2⁻¹²⁶) and cost their assist, but
/// they are never stored, so they do not come back step after step.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Subnormals
{
    /// <summary>2⁻¹²⁵ (about 2.35e-38), twice the smallest normal float; smaller magnitudes are flushed to +0.</summary>
    public const float FlushBelow = 2.3509887E-38f;

    /// <summary>The bits of <see cref="FlushBelow"/>, for <see cref="Flush(Vector{float})"/>, which has no <see cref="ZeroBelow(float, float)"/> to call.</summary>
    private const int FlushBelowBits = 0x0100_0000;

    // Flush and ZeroBelow compare the bits as integers: a floating-point compare of a subnormal operand
    // may itself take the assist that flushing is there to avoid. NaN's bits are above any
    // finite value's, so NaN stays NaN.

    /// <summary><paramref name="value"/>, or +0 when its magnitude is below <see cref="FlushBelow"/>; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float value) => ZeroBelow(value, FlushBelow);

    /// <summary>Each lane as <see cref="Flush(float)"/> flushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Flush(Vector<float> value) =>
        Vector.AndNot(value, Vector.LessThan(value.As<float, int>() & new Vector<int>(int.MaxValue), new Vector<int>(FlushBelowBits)).As<int, float>());

    /// <summary>Each lane as <see cref="Flush(float)"/> flushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Flush(Vector256<float> value) => ZeroBelow(value, Vector256.Create(FlushBelow));

    /// <summary>Each lane as <see cref="Flush(float)"/> flushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Flush(Vector512<float> value) => ZeroBelow(value, Vector512.Create(FlushBelow));

    /// <summary>
    /// <paramref name="value"/>, or +0 when its magnitude is below <paramref name="floor"/> (a positive
    /// normal float): for an operand whose product would be subnormal, so that the product is not computed
    /// from it at all (the generated update squares gradients through it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ZeroBelow(float value, float floor) =>
        (BitConverter.SingleToInt32Bits(value) & int.MaxValue) < BitConverter.SingleToInt32Bits(floor) ? 0f : value;

    /// <summary>Each lane as <see cref="ZeroBelow(float, float)"/> does it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ZeroBelow(Vector256<float> value, Vector256<float> floor) =>
        Vector256.AndNot(value, Vector256.LessThan(value.AsInt32() & Vector256.Create(int.MaxValue), floor.AsInt32()).AsSingle());

    /// <summary>Each lane as <see cref="ZeroBelow(float, float)"/> does it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ZeroBelow(Vector512<float> value, Vector512<float> floor) =>
        Vector512.AndNot(value, Vector512.LessThan(value.AsInt32() & Vector512.Create(int.MaxValue), floor.AsInt32()).AsSingle());
}
