using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>
/// <see cref="Predict"/> on dense inputs (every feature non-zero, uniform in [0, 1)). Gen's products
/// skip the steps at which a sample's inputs (one sample) or a tile's inputs (four samples) are all
/// zero, and a real digit is about 80 % zeros; this is the same prediction without that help, for an
/// honest figure on dense data.
/// </summary>
[WorkloadFlops(Workload.Predict)]
public class PredictDense
{
    private IMlp _model = null!;
    private TorchMlp _torch = null!;
    private float[] _inputs = null!;
    private float[] _outputs = null!;
    private Tensor _inputTensor = null!;

    /// <summary>Hidden units: the 784-128-10 and the 784-64-10 model.</summary>
    [Params(128, 64)]
    public int Hidden { get; set; }

    /// <summary>Samples per call, as in <see cref="Predict"/>.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup(Target = nameof(Gen))]
    public void SetupGen() => Setup(Implementation.Gen);

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorch()
    {
        Setup(Implementation.TorchSharp);
        _torch = (TorchMlp)_model;
        _inputTensor = TorchMlp.Features(_inputs);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model?.Dispose();
        _inputTensor?.Dispose();
    }

    [Benchmark]
    public void Gen() => _model.Predict(_inputs, _outputs);

    [Benchmark(Baseline = true)]
    public void TorchSharp() => _torch.Predict(_inputTensor, _outputs);

    private void Setup(Implementation implementation)
    {
        _model = Models.Create(implementation, Hidden);
        _inputs = MnistData.DenseFeatures(Batch);

        _outputs = new float[Batch * 10];
    }
}
