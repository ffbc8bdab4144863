using System;
using System.ComponentModel;

namespace Gen.Kernels;

/// <summary>
/// Weight initialization from the model's seed: He (Kaiming) uniform for ReLU-family layers,
/// Glorot (Xavier) uniform for the others, biases zero. The same seed gives the same weights, bit
/// for bit, on every machine: the generator is <see cref="Random"/> with a seed, whose sequence
/// .NET keeps stable.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Initialization
{
    /// <summary>U(−√(6 / fanIn), √(6 / fanIn)): keeps the variance of ReLU outputs constant across layers.</summary>
    public static void HeUniform(Span<float> weights, int fanIn, Random random) =>
        Uniform(weights, MathF.Sqrt(6f / fanIn), random);

    /// <summary>U(−√(6 / (fanIn + fanOut)), √(6 / (fanIn + fanOut))).</summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, Random random) =>
        Uniform(weights, MathF.Sqrt(6f / (fanIn + fanOut)), random);

    private static void Uniform(Span<float> weights, float limit, Random random)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * limit);
        }
    }
}
