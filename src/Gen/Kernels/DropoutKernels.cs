using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Gen.Kernels;

/// <summary>
/// Inverted dropout. The mask is a pure function of (model seed, layer, optimizer step, index):
/// the same step always drops the same units, so a gradient can be recomputed (finite-difference
/// checks) and a resumed run continues exactly, and no generator state needs saving.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutKernels
{
    /// <summary>The seed of one layer's mask at one step.</summary>
    public static ulong SeedOf(int modelSeed, int layer, int step) =>
        Mix(((ulong)(uint)modelSeed << 32) ^ ((ulong)(uint)layer << 24) ^ (ulong)(uint)step ^ 0x9E3779B97F4A7C15UL);

    /// <summary>
    /// output = input ⊙ mask, where mask is 0 with probability <paramref name="rate"/> and
    /// 1 / (1 − rate) otherwise, so the expected output equals the input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<float> mask, float rate, ulong seed)
    {
        if (output.Length < input.Length || mask.Length < input.Length)
        {
            throw new ArgumentException($"Dropout of {input.Length} values needs output and mask buffers of that size.");
        }

        float keep = 1f / (1f - rate);
        // Compare 24 random bits with the threshold: exact for every rate a float can hold at that precision.
        uint threshold = (uint)(rate * (1 << 24));
        for (int i = 0; i < input.Length; i++)
        {
            uint bits = (uint)(Mix(seed + (ulong)i) >> 40);
            float m = bits >= threshold ? keep : 0f;
            mask[i] = m;
            output[i] = input[i] * m;
        }
    }

    /// <summary>gradient ⊙= mask: dropped units pass no gradient, kept ones pass it scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> mask, Span<float> gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] *= mask[i];
        }
    }

    /// <summary>SplitMix64's finalizer: a bijective mix whose outputs pass statistical tests.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
