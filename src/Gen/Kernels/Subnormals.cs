using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gen.Kernels;

/// <summary>
/// Keeps an optimizer's decaying state out of float's subnormal range. A moment estimate or
/// momentum buffer whose gradient stays zero (a weight of an input that is always 0, a unit a ReLU
/// has cut off) shrinks by its decay factor every step and, after a few hundred steps, becomes
/// subnormal. Intel cores then take a microcode assist of about a hundred cycles on every
/// operation that reads or produces such a value, for as long as it decays through that range
/// (Adam's first moment: about 150 steps). On an Intel Xeon, 2 % of the MNIST model's first
/// moments subnormal made a whole training step 1.8× slower (430 against 235 µs). .NET has no
/// API to set the processor's flush-to-zero mode for a thread, so the generated update flushes the
/// state itself, with one compare and mask per vector.
/// </summary>
/// <remarks>
/// Values below <see cref="FlushBelow"/> become +0. For the parameters this is invisible: such a
/// moment moves a weight by at most lr·2⁻¹²⁵/ε, far below half an ulp of any weight above 1e-20,
/// and a second moment that small adds nothing next to ε. The threshold is twice float's smallest
/// normal value, so that a kept value times a decay of ½ or more is still normal: the decay
/// itself never produces a subnormal (only a gradient term that is subnormal already can).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Subnormals
{
    /// <summary>2⁻¹²⁵ (about 2.35e-38), twice the smallest normal float; smaller magnitudes are flushed to +0.</summary>
    public const float FlushBelow = 2.3509887E-38f;

    /// <summary>The bits of <see cref="FlushBelow"/>: magnitudes whose bits, sign cleared, are below these are flushed.</summary>
    private const int FlushBelowBits = 0x0100_0000;

    // Every Flush compares the bits as integers: a floating-point compare of a subnormal operand
    // may itself take the assist that flushing is there to avoid. NaN's bits are above any
    // finite value's, so NaN stays NaN.

    /// <summary><paramref name="value"/>, or +0 when its magnitude is below <see cref="FlushBelow"/>; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float value) => (BitConverter.SingleToInt32Bits(value) & int.MaxValue) < FlushBelowBits ? 0f : value;

    /// <summary>Each lane as <see cref="Flush(float)"/> flushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Flush(Vector<float> value) =>
        Vector.AndNot(value, Vector.LessThan(value.As<float, int>() & new Vector<int>(int.MaxValue), new Vector<int>(FlushBelowBits)).As<int, float>());

    /// <summary>Each lane as <see cref="Flush(float)"/> flushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Flush(Vector256<float> value) =>
        Vector256.AndNot(value, Vector256.LessThan(value.AsInt32() & Vector256.Create(int.MaxValue), Vector256.Create(FlushBelowBits)).AsSingle());

    /// <summary>Each lane as <see cref="Flush(float)"/> flushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Flush(Vector512<float> value) =>
        Vector512.AndNot(value, Vector512.LessThan(value.AsInt32() & Vector512.Create(int.MaxValue), Vector512.Create(FlushBelowBits)).AsSingle());
}
