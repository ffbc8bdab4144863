using System;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Gen.Benchmarks;

/// <summary>
/// One training epoch over the 7,996 MNIST digits: a fresh shuffle, then 125 mini-batches of 64
/// (the last one of 60), each one forward, backward and Adam step. Gen and the scalar baseline
/// gather each batch into a buffer and call TrainStep, as Gen's Trainer does: with GatherInputs just
/// before the step, or, Gen on two threads, with GatherInputsAhead during the step before it (each
/// thread its own columns, where it would otherwise wait); TorchSharp holds the
/// whole set in a tensor and gathers each batch with index_select inside libtorch.
/// </summary>
[WorkloadFlops(Workload.Epoch)]
public class Epoch
{
    private IMlp _model = null!;
    private int[] _order = null!;
    private Gen.Kernels.AlignedBuffer[] _batchInputs = null!;
    private int[] _batchLabels = null!;
    private Random _shuffler = null!;
    private TorchMlp _torch = null!;
    private Tensor _features = null!;
    private Tensor _labels = null!;

    /// <summary>Hidden units: the 784-128-10 and the 784-64-10 model.</summary>
    [Params(128, 64)]
    public int Hidden { get; set; }

    [GlobalSetup(Target = nameof(Gen))]
    public void SetupGen()
    {
        _model = Models.Create(Implementation.Gen, Hidden);
        Prepare();
    }

    [GlobalSetup(Target = nameof(Scalar))]
    public void SetupScalar()
    {
        _model = Models.Create(Implementation.Scalar, Hidden);
        Prepare();
    }

    [GlobalSetup(Target = nameof(GenTwoThreads))]
    public void SetupGenTwoThreads()
    {
        _model = Models.Create(Implementation.GenTwoThreads, Hidden);
        Prepare();
    }

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorch() => SetupTorch(Implementation.TorchSharp);

    [GlobalSetup(Target = nameof(TorchSharpTwoThreads))]
    public void SetupTorchTwoThreads() => SetupTorch(Implementation.TorchSharpTwoThreads);

    private void SetupTorch(Implementation implementation)
    {
        _torch = (TorchMlp)Models.Create(implementation, Hidden);
        _features = TorchMlp.Features(MnistData.Train.Features);
        _labels = TorchMlp.Labels(MnistData.Train.Labels);
        Prepare();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model?.Dispose();
        _torch?.Dispose();
        _features?.Dispose();
        _labels?.Dispose();
    }

    [Benchmark]
    public double Gen() => ManagedEpoch();

    [Benchmark]
    public double Scalar() => ManagedEpoch();

    /// <summary>Gen with <c>TrainingThreads = 2</c>: each mini-batch split across both cores.</summary>
    [Benchmark]
    public double GenTwoThreads() => ManagedEpoch();

    [Benchmark(Baseline = true)]
    public double TorchSharp() => TorchEpoch();

    /// <summary>TorchSharp with two intra-op threads.</summary>
    [Benchmark]
    public double TorchSharpTwoThreads() => TorchEpoch();

    private double TorchEpoch()
    {
        int count = MnistData.Train.Count;
        _shuffler.Shuffle(_order);
        double loss = 0;
        for (int start = 0; start < count; start += MnistData.BatchSize)
        {
            int rows = Math.Min(MnistData.BatchSize, count - start);
            using DisposeScope scope = NewDisposeScope();
            var indices = new long[rows];
            for (int r = 0; r < rows; r++)
            {
                indices[r] = _order[start + r];
            }

            Tensor index = tensor(indices);
            loss += _torch.TrainStep(_features.index_select(0, index), _labels.index_select(0, index)) * rows;
        }

        return loss / count;
    }

    private void Prepare()
    {
        int count = MnistData.Train.Count;
        _order = new int[count];
        for (int i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        _shuffler = new Random(1);
        // As Fit's batch buffers: one trains while the next batch is gathered into the other.
        _batchInputs = [new(MnistData.BatchSize * MnistData.Inputs), new(MnistData.BatchSize * MnistData.Inputs)];
        _batchLabels = new int[MnistData.BatchSize];
    }

    private double ManagedEpoch()
    {
        Dataset train = MnistData.Train;
        ReadOnlySpan<float> features = train.Features;
        ReadOnlySpan<int> labels = train.Labels;
        int count = train.Count;
        _shuffler.Shuffle(_order);
        double loss = 0;
        int current = 0;
        bool gatheredAhead = false;
        for (int start = 0; start < count; start += MnistData.BatchSize)
        {
            int rows = Math.Min(MnistData.BatchSize, count - start);
            if (!gatheredAhead)
            {
                _model.GatherInputs(features, _order.AsSpan(start, rows), _batchInputs[current]);
            }

            int next = start + rows;
            Gen.Kernels.AlignedBuffer inputs = _batchInputs[current];
            gatheredAhead = next < count && _model.GatherInputsAhead(train.FeatureMemory, _order.AsSpan(next, Math.Min(MnistData.BatchSize, count - next)), _batchInputs[1 - current].AsMemory());
            if (gatheredAhead)
            {
                current = 1 - current;
            }
            for (int r = 0; r < rows; r++)
            {
                _batchLabels[r] = labels[_order[start + r]];
            }

            loss += _model.TrainStep(inputs.AsSpan(0, rows * MnistData.Inputs), _batchLabels.AsSpan(0, rows)) * rows;
        }

        return loss / count;
    }
}
