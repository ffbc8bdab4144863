using BenchmarkDotNet.Attributes;

namespace Gen.Benchmarks;

/// <summary>
/// The Adam update alone, over every parameter (101,770 for 784-128-10, 50,890 for 784-64-10),
/// with the gradients of one real mini-batch: Gen's generated ApplyGradients, the scalar loop, and
/// TorchSharp's optimizer.step().
/// </summary>
public class Optimizer
{
    private IMlp _model = null!;

    /// <summary>Hidden units: the 784-128-10 and the 784-64-10 model.</summary>
    [Params(128, 64)]
    public int Hidden { get; set; }

    [GlobalSetup(Target = nameof(Gen))]
    public void SetupGen() => Setup(Implementation.Gen);

    [GlobalSetup(Target = nameof(Scalar))]
    public void SetupScalar() => Setup(Implementation.Scalar);

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorch() => Setup(Implementation.TorchSharp);

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark]
    public void Gen() => _model.ApplyGradients();

    [Benchmark]
    public void Scalar() => _model.ApplyGradients();

    [Benchmark(Baseline = true)]
    public void TorchSharp() => _model.ApplyGradients();

    private void Setup(Implementation implementation)
    {
        _model = Models.Create(implementation, Hidden);
        _model.ComputeGradients(
            MnistData.Train.Features.Slice(0, MnistData.BatchSize * MnistData.Inputs),
            MnistData.Train.Labels.Slice(0, MnistData.BatchSize));
    }
}
