using System;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>One training step (forward, loss, backward, Adam) on one mini-batch of 64 digits.</summary>
[WorkloadFlops(Workload.TrainStep)]
public class TrainStep
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

    [GlobalSetup(Target = nameof(Scalar))]
    public void SetupScalar() => Setup(Implementation.Scalar);

    [GlobalSetup(Target = nameof(GenTwoThreads))]
    public void SetupGenTwoThreads() => Setup(Implementation.GenTwoThreads);

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorch() => SetupTorch(Implementation.TorchSharp);

    [GlobalSetup(Target = nameof(TorchSharpTwoThreads))]
    public void SetupTorchTwoThreads() => SetupTorch(Implementation.TorchSharpTwoThreads);

    private void SetupTorch(Implementation implementation)
    {
        Setup(implementation);
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

    [Benchmark]
    public float Scalar() => _model.TrainStep(_inputs, _labels);

    /// <summary>Gen with <c>TrainingThreads = 2</c>: the batch split across both cores.</summary>
    [Benchmark]
    public float GenTwoThreads() => _model.TrainStep(_inputs, _labels);

    [Benchmark(Baseline = true)]
    public float TorchSharp() => _torch.TrainStep(_inputTensor, _labelTensor);

    /// <summary>TorchSharp with two intra-op threads.</summary>
    [Benchmark]
    public float TorchSharpTwoThreads() => _torch.TrainStep(_inputTensor, _labelTensor);

    private void Setup(Implementation implementation)
    {
        _model = Models.Create(implementation, Hidden);
        _inputs = MnistData.Train.Features.Slice(0, MnistData.BatchSize * MnistData.Inputs).ToArray();
        _labels = MnistData.Train.Labels.Slice(0, MnistData.BatchSize).ToArray();
    }
}
