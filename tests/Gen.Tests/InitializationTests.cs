using System;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

public sealed class InitializationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_weights_bit_for_bit()
    {
        Assert.True(new MnistNet().Parameters.SequenceEqual(new MnistNet().Parameters));
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        Assert.False(new MnistNet().Parameters.SequenceEqual(new MnistNetOtherSeed().Parameters));
    }

    [Fact]
    public void ReLU_layers_are_He_uniform_identity_layers_Glorot_uniform_biases_zero()
    {
        var model = new MnistNet();
        ReadOnlySpan<float> p = model.Parameters;
        ReadOnlySpan<float> hidden = p.Slice(0, 784 * 128);
        ReadOnlySpan<float> hiddenBias = p.Slice(784 * 128, 128);
        ReadOnlySpan<float> output = p.Slice((784 * 128) + 128, 128 * 10);
        ReadOnlySpan<float> outputBias = p.Slice((784 * 128) + 128 + 1280, 10);

        AssertUniform(hidden, MathF.Sqrt(6f / 784));            // He: √(6 / fan_in)
        AssertUniform(output, MathF.Sqrt(6f / (128 + 10)));     // Glorot: √(6 / (fan_in + fan_out))
        Assert.True(hiddenBias.IndexOfAnyExcept(0f) < 0);
        Assert.True(outputBias.IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void InitializeParameters_restores_the_initial_weights_and_clears_the_optimizer()
    {
        var harness = new ModelHarness<MnistNet>(rows: 64, seed: 4);
        float[] initial = harness.Model.Parameters.ToArray();
        harness.TrainStep();
        Assert.False(harness.Model.Parameters.SequenceEqual(initial));
        harness.Model.InitializeParameters();
        Assert.True(harness.Model.Parameters.SequenceEqual(initial));
        Assert.Equal(0, harness.Model.StepCount);
    }

    private static void AssertUniform(ReadOnlySpan<float> weights, float limit)
    {
        double sum = 0, squares = 0;
        float max = 0;
        foreach (float w in weights)
        {
            sum += w;
            squares += w * w;
            max = Math.Max(max, Math.Abs(w));
        }

        double variance = (squares / weights.Length) - Math.Pow(sum / weights.Length, 2);
        Assert.True(max <= limit, $"A weight of {max} exceeds the bound {limit}.");
        Assert.True(max > limit * 0.95f, $"The largest weight {max} should come close to the bound {limit}.");
        Assert.InRange(variance, limit * limit / 3 * 0.9, limit * limit / 3 * 1.1); // U(−a, a) has variance a²/3
    }
}
