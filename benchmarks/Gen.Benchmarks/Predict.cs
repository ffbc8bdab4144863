using System;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>
/// Inference: softmax probabilities of 1 or 64 digits written to a float buffer. TorchSharp's input
/// tensor is made once in setup (it is not charged for copying the input in); each call runs the
/// forward pass and softmax under no_grad and copies the probabilities out.
/// </summary>
[WorkloadFlops(Workload.Predict)]
public class Predict
{
    private IMlp _model = null!;
    private TorchMlp _torch = null!;
    private float[] _inputs = null!;
    private float[] _outputs = null!;
    private Tensor _inputTensor = null!;

    /// <summary>Hidden units: the 784-128-10 and the 784-64-10 model.</summary>
    [Params(128, 64)]
    public int Hidden { get; set; }

    /// <summary>Samples per call.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup(Target = nameof(Gen))]
    public void SetupGen() => Setup(Implementation.Gen);

    [GlobalSetup(Target = nameof(Scalar))]
    public void SetupScalar() => Setup(Implementation.Scalar);

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

    [Benchmark]
    public void Scalar() => _model.Predict(_inputs, _outputs);

    [Benchmark(Baseline = true)]
    public void TorchSharp() => _torch.Predict(_inputTensor, _outputs);

    private void Setup(Implementation implementation)
    {
        _model = Models.Create(implementation, Hidden);
        _inputs = MnistData.Train.Features.Slice(0, Batch * MnistData.Inputs).ToArray();
        _outputs = new float[Batch * 10];
    }
}
