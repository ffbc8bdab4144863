using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>
/// <see cref="TrainStep"/> on a batch of dense inputs (every feature non-zero, uniform in [0, 1)):
/// Gen's products skip the steps at which a tile's inputs are all zero, which on real digits is most
/// of them, so this is the step's achieved rate on the whole dense product, the figure to set beside
/// <see cref="PeakFma"/>.
/// </summary>
[WorkloadFlops(Workload.TrainStep)]
public class TrainStepDense
{
    private IMlp _model = null!;
    private TorchMlp _torch = null!;
    private float[] _inputs = null!;
    private int[] _labels = null!;
    private Tensor _inputTensor = null!;
    private Tensor _labelTensor = null!;

    /// <summary>Hidden units: the 784-128-10 and the 784-64-10 model.</summary>
    [Params(128, 64)]
    public int Hidden { get; set; }

    [GlobalSetup(Target = nameof(Gen))]
    public void SetupGen() => Setup(Implementation.Gen);

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorch()
    {
        Setup(Implementation.TorchSharp);
        _torch = (TorchMlp)_model;
        _inputTensor = TorchMlp.Features(_inputs);
        _labelTensor = TorchMlp.Labels(_labels);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model?.Dispose();
        _inputTensor?.Dispose();
        _labelTensor?.Dispose();
    }

    [Benchmark]
    public float Gen() => _model.TrainStep(_inputs, _labels);

    [Benchmark(Baseline = true)]
    public float TorchSharp() => _torch.TrainStep(_inputTensor, _labelTensor);

    private void Setup(Implementation implementation)
    {
        _model = Models.Create(implementation, Hidden);
        _inputs = MnistData.DenseFeatures(MnistData.BatchSize);

        _labels = MnistData.Train.Labels.Slice(0, MnistData.BatchSize).ToArray();
    }
}
