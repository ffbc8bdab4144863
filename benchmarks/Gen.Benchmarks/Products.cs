using System;
using BenchmarkDotNet.Attributes;
using Gen.Kernels;

namespace Gen.Benchmarks;

/// <summary>
/// The first layer's two products alone, as a training step runs them on a batch of 64: the forward
/// product X·W and the weight gradient Xᵀ·dZ (X read in place, transposed), on MNIST digits and on
/// dense inputs, with the tiles skipping the steps at which their inputs are all zero (as Gen's
/// products do) and running every step: what the skipping saves on digits, and what listing the
/// steps costs where there is nothing to skip.
/// </summary>
[WorkloadFlops(Workload.Product)]
public class Products
{
    private AlignedBuffer _inputs = null!;
    private AlignedBuffer _weights = null!;
    private AlignedBuffer _outputGradient = null!;
    private AlignedBuffer _output = null!;
    private AlignedBuffer _weightGradient = null!;

    /// <summary>Hidden units: the 784-128-10 and the 784-64-10 model's first layer.</summary>
    [Params(128, 64)]
    public int Hidden { get; set; }

    /// <summary>The batch: the first 64 training digits, or 64 samples of 784 features uniform in [0, 1).</summary>
    [Params("digits", "dense")]
    public string Input { get; set; } = "digits";

    /// <summary>Whether the tiles skip the steps at which their inputs are all zero (Gen's products do), or run every step.</summary>
    [Params(true, false)]
    public bool SkipZeroSteps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int Rows = MnistData.BatchSize, Inputs = MnistData.Inputs;
        _inputs = new AlignedBuffer(Rows * Inputs);
        ReadOnlySpan<float> batch = Input == "digits" ? MnistData.Train.Features.Slice(0, Rows * Inputs) : MnistData.DenseFeatures(Rows);
        batch.CopyTo(_inputs.AsSpan());
        var random = new Random(6);

        _weights = Fill(Inputs * Hidden, random, 0.05f);
        _outputGradient = Fill(Rows * Hidden, random, 0.01f);
        _output = new AlignedBuffer(Rows * Hidden);
        _weightGradient = new AlignedBuffer(Inputs * Hidden);
    }

    /// <summary>Z = X·W: 64 × 784 by 784 × H.</summary>
    [Benchmark]
    public void Forward() =>
        MatrixMultiply.Multiply(_inputs.AsSpan(), MnistData.Inputs, 1, _weights.AsSpan(), _output.AsSpan(), MnistData.BatchSize, MnistData.Inputs, Hidden, accumulate: false, MatrixMultiply.BestWidth, SkipZeroSteps);

    /// <summary>dW = Xᵀ·dZ: 784 × 64 by 64 × H.</summary>
    [Benchmark]
    public void WeightGradient() =>
        MatrixMultiply.Multiply(_inputs.AsSpan(), 1, MnistData.Inputs, _outputGradient.AsSpan(), _weightGradient.AsSpan(), MnistData.Inputs, MnistData.BatchSize, Hidden, accumulate: false, MatrixMultiply.BestWidth, SkipZeroSteps);

    private static AlignedBuffer Fill(int length, Random random, float scale)
    {
        var buffer = new AlignedBuffer(length);
        for (int i = 0; i < length; i++)
        {
            buffer[i] = ((float)random.NextDouble() - 0.5f) * 2 * scale;
        }

        return buffer;
    }
}
