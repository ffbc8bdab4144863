using System;
using System.Linq;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>Dropout, batch normalization, weight penalties and clipping against their formulas.</summary>
public sealed class TechniqueTests
{
    [Fact]
    public void Dropout_is_inactive_in_inference_so_predictions_are_deterministic()
    {
        var harness = new ModelHarness<DropoutNet>(rows: 5, seed: 1);
        var first = new float[5 * 4];
        var second = new float[5 * 4];
        harness.Model.Predict(harness.Inputs, first);
        harness.TrainStep(); // a training step in between must not leave dropout switched on
        harness.Model.InitializeParameters();
        harness.Model.Predict(harness.Inputs, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Dropout_drops_its_rate_of_units_and_scales_the_rest_to_keep_the_mean()
    {
        // The loss of a training step differs from the inference loss only through dropout: measure
        // the mask statistics directly on the kernel the generated code calls.
        var input = Enumerable.Repeat(2f, 100_000).ToArray();
        var output = new float[input.Length];
        var mask = new float[input.Length];
        Gen.Kernels.DropoutKernels.Forward(input, output, mask, 0.25f, Gen.Kernels.DropoutKernels.SeedOf(12, 0, 0));
        double dropped = mask.Count(m => m == 0f) / (double)mask.Length;
        Assert.InRange(dropped, 0.24, 0.26);
        Assert.All(mask.Where(m => m != 0f), m => Assert.Equal(1f / 0.75f, m));
        Assert.InRange(output.Average(), 1.97, 2.03);
    }

    [Fact]
    public void Dropout_masks_change_from_step_to_step_and_repeat_for_the_same_step()
    {
        var a = new float[1000];
        var b = new float[1000];
        var c = new float[1000];
        var ones = Enumerable.Repeat(1f, 1000).ToArray();
        Gen.Kernels.DropoutKernels.Forward(ones, new float[1000], a, 0.5f, Gen.Kernels.DropoutKernels.SeedOf(1, 0, 7));
        Gen.Kernels.DropoutKernels.Forward(ones, new float[1000], b, 0.5f, Gen.Kernels.DropoutKernels.SeedOf(1, 0, 7));
        Gen.Kernels.DropoutKernels.Forward(ones, new float[1000], c, 0.5f, Gen.Kernels.DropoutKernels.SeedOf(1, 0, 8));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_dropout_model_trains_differently_from_its_inference()
    {
        var harness = new ModelHarness<WideDropoutNet>(rows: 32, seed: 2);
        float training = harness.ComputeGradients();
        float inference = harness.Loss();
        Assert.NotEqual(inference, training);
    }

    [Fact]
    public void Batch_normalization_updates_running_statistics_and_uses_them_in_inference()
    {
        var harness = new ModelHarness<RunningStatisticsNet>(rows: 16, seed: 3);
        RunningStatisticsNet model = harness.Model;
        ReadOnlySpan<float> p = model.Parameters;
        // z = X·W for the first layer (no bias: batch normalization follows).
        var z = new double[16, 9];
        for (int r = 0; r < 16; r++)
        {
            for (int j = 0; j < 9; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    z[r, j] += harness.Inputs[(r * 4) + k] * p[(k * 9) + j];
                }
            }
        }

        harness.ComputeGradients(); // momentum 1: the running statistics become this batch's
        ReadOnlySpan<float> statistics = model.Statistics;
        for (int j = 0; j < 9; j++)
        {
            double mean = Enumerable.Range(0, 16).Average(r => z[r, j]);
            double unbiased = Enumerable.Range(0, 16).Sum(r => Math.Pow(z[r, j] - mean, 2)) / 15;
            Assert.Equal(mean, statistics[j], 4);
            Assert.Equal(unbiased, statistics[9 + j], 4);
        }

        // Inference normalizes with those statistics: y = γ(z − μ)/√(σ² + ε) + β, γ = 1, β = 0 at start.
        var output = new float[2];
        model.Predict(harness.Inputs.AsSpan(0, 4), output);
        double[] expected = new double[2];
        int second = (4 * 9) + 18; // the second layer's weights follow the first's weights, scales and shifts
        for (int c = 0; c < 2; c++)
        {
            expected[c] = p[second + (9 * 2) + c];
            for (int j = 0; j < 9; j++)
            {
                double normalized = (z[0, j] - statistics[j]) / Math.Sqrt(statistics[9 + j] + 1e-5);
                expected[c] += normalized * p[second + (j * 2) + c];
            }

            Assert.Equal(expected[c], output[c], 4);
        }
    }

    [Fact]
    public void Batch_normalization_replaces_the_bias_of_its_dense_layer()
    {
        // 5·19 weights + 19 scales + 19 shifts (no 19 biases) + 19·3 + 3.
        Assert.Equal((5 * 19) + 19 + 19 + (19 * 3) + 3, BatchNormNet.ParameterCount);
        Assert.Equal(2 * 19, BatchNormNet.StatisticsCount);
    }

    [Fact]
    public void L2_and_L1_add_their_penalty_and_its_gradient()
    {
        var harness = new ModelHarness<PenalizedNet>(rows: 6, seed: 4);
        float penalized = harness.ComputeGradients();
        float data = harness.Loss();
        ReadOnlySpan<float> p = harness.Model.Parameters;
        double expected = 0;
        foreach ((int offset, int count) in new[] { (0, 5 * 13), ((5 * 13) + 13, 13 * 3) })
        {
            foreach (float w in p.Slice(offset, count))
            {
                expected += (0.5 * 0.05 * w * w) + (0.01 * Math.Abs(w));
            }
        }

        Assert.Equal(data + expected, penalized, 4);
    }

    [Fact]
    public void Clipping_limits_the_global_norm_of_the_step()
    {
        var harness = new ModelHarness<ClippedNet>(rows: 6, seed: 5);
        ClippedNet model = harness.Model;
        harness.ComputeGradients();
        float[] raw = model.Gradients.ToArray();
        double rawNorm = Math.Sqrt(raw.Sum(g => (double)g * g));
        Assert.True(rawNorm > 0.01, "The test needs gradients above the clipping norm.");
        float[] before = model.Parameters.ToArray();
        model.ApplyGradients();
        float[] after = model.Parameters.ToArray();
        // SGD: the step is lr · clipped gradient, and the clipped gradient is raw · 0.01 / (‖raw‖ + 1e-6).
        double scale = 0.01 / (rawNorm + 1e-6);
        for (int i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i] - (0.1 * raw[i] * scale), after[i], tolerance: 2e-7);
        }

        double stepNorm = Math.Sqrt(before.Zip(after, (b, a) => Math.Pow(b - a, 2)).Sum());
        Assert.Equal(0.1 * 0.01, stepNorm, tolerance: 1e-6);
    }
}
