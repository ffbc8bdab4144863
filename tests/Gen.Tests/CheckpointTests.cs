using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Checkpoints during Fit: a run stopped after epoch k and resumed from its checkpoint ends with
/// the same weights, statistics, optimizer state and history, bit for bit, as a run that was not
/// stopped; checkpoints of another model are refused without touching the model.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gen-checkpoints-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void AdamWithScheduleAndWarmupResumesExactly(int stopAfter)
    {
        (Dataset train, Dataset validation) = Classification(95, 30, seed: 1);
        var reference = new CheckpointAdamNet();
        TrainingHistory expected = reference.Fit(train, validation);

        var options = new CheckpointOptions { Directory = _directory, EveryEpochs = 1 };
        var interrupted = new CheckpointAdamNet();
        Interrupt(interrupted, train, validation, options, stopAfter);

        // The interrupted instance, half-way through the next epoch, is put back by the checkpoint.
        TrainingHistory resumed = interrupted.Fit(train, validation, resumeFrom: options.EpochFile(stopAfter));
        AssertSameState(reference, interrupted);
        AssertSameHistory(expected, resumed);
        Assert.Equal(reference.LearningRate, interrupted.LearningRate);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void BatchNormDropoutMomentumAndPlateauResumeExactly(int stopAfter)
    {
        (Dataset train, Dataset validation) = Regression(60, 20, seed: 2);
        var reference = new CheckpointNormDropoutNet();
        TrainingHistory expected = reference.Fit(train, validation);
        Assert.Contains(expected.Epochs, e => e.LearningRate < expected.Epochs[0].LearningRate); // the plateau reduced the rate

        var options = new CheckpointOptions { Directory = _directory, EveryEpochs = 2 };
        Interrupt(new CheckpointNormDropoutNet(), train, validation, options, stopAfter);

        // A fresh instance, as in a new process.
        var resumed = new CheckpointNormDropoutNet();
        TrainingHistory history = resumed.Fit(train, validation, resumeFrom: options.EpochFile(stopAfter));
        AssertSameState(reference, resumed);
        AssertSameHistory(expected, history);
    }

    [Fact]
    public void EarlyStoppingStateResumesExactly()
    {
        (Dataset train, Dataset validation) = Noise(80, 40, seed: 3);
        var reference = new CheckpointStoppingNet();
        TrainingHistory expected = reference.Fit(train, validation);
        Assert.True(expected.StoppedEarly);
        Assert.True(expected.RestoredBestWeights);
        int stopped = expected.Epochs.Count;
        int best = expected.BestEpoch!.Value;

        // Stop after an epoch that did not improve, with the patience counter running and best weights held.
        int stopAfter = best + 1;
        Assert.True(stopAfter < stopped);
        var options = new CheckpointOptions { Directory = _directory, EveryEpochs = 1 };
        Interrupt(new CheckpointStoppingNet(), train, validation, options, stopAfter);

        var resumed = new CheckpointStoppingNet();
        TrainingHistory history = resumed.Fit(train, validation, resumeFrom: options.EpochFile(stopAfter));
        AssertSameState(reference, resumed);
        AssertSameHistory(expected, history);
        Assert.True(history.StoppedEarly);
        Assert.True(history.RestoredBestWeights);
        Assert.Equal(best, history.BestEpoch);

        // The run that was not interrupted wrote a checkpoint at the epoch it stopped; resuming from
        // it trains nothing and ends as that run did, with the best weights restored.
        var options2 = new CheckpointOptions { Directory = Path.Combine(_directory, "full"), EveryEpochs = 1 };
        new CheckpointStoppingNet().Fit(train, validation, checkpoints: options2);
        Assert.False(File.Exists(options2.EpochFile(stopped + 1)));
        var fromLast = new CheckpointStoppingNet();
        TrainingHistory last = fromLast.Fit(train, validation, resumeFrom: options2.EpochFile(stopped));
        AssertSameState(reference, fromLast);
        AssertSameHistory(expected, last);
        Assert.True(last.StoppedEarly);
    }

    [Fact]
    public void CheckpointsAreWrittenEveryNEpochsWithoutTemporaryFiles()
    {
        (Dataset train, Dataset validation) = Classification(95, 30, seed: 1);
        var options = new CheckpointOptions { Directory = Path.Combine(_directory, "every"), EveryEpochs = 2 };
        var model = new CheckpointAdamNet();
        model.Fit(train, validation, checkpoints: options);
        string[] files = Directory.GetFiles(options.Directory).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(["epoch-0002.safetensors", "epoch-0004.safetensors", "epoch-0006.safetensors"], files);

        // The last checkpoint holds the final model; loading it without training restores it all.
        var loaded = new CheckpointAdamNet();
        Assert.Equal(6, Checkpoint.Load(loaded, options.EpochFile(6)));
        AssertSameState(model, loaded);
    }

    [Fact]
    public void BestCheckpointHoldsTheBestEpochsWeights()
    {
        (Dataset train, Dataset validation) = Regression(60, 20, seed: 2);
        var options = new CheckpointOptions { Directory = _directory, EveryEpochs = 0, KeepBest = true };
        var model = new CheckpointNormDropoutNet();
        var weights = new List<float[]>();
        TrainingHistory history = model.Fit(train, validation, new Callback(_ => weights.Add(model.Parameters.ToArray())), checkpoints: options);

        int best = 1 + Enumerable.Range(0, history.Epochs.Count).MinBy(i => history.Epochs[i].ValidationLoss!.Value);
        Assert.Equal(["best.safetensors"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        var loaded = new CheckpointNormDropoutNet();
        Assert.Equal(best, Checkpoint.Load(loaded, options.BestFile));
        AssertBitwiseEqual(weights[best - 1], loaded.Parameters);
    }

    [Fact]
    public void CheckpointOfAnotherArchitectureIsRefusedAndTheModelIsUnchanged()
    {
        (Dataset train, Dataset validation) = Classification(95, 30, seed: 1);
        var options = new CheckpointOptions { Directory = _directory, EveryEpochs = 3 };
        new CheckpointAdamNet().Fit(train, validation, checkpoints: options);
        string path = options.EpochFile(3);

        var other = new CheckpointOtherNet();
        float[] before = other.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => other.Fit(train, validation, resumeFrom: path));
        Assert.Contains(path, error.Message);
        Assert.Contains("architecture '4-8:ReLU-3:Identity'", error.Message);
        Assert.Throws<InvalidDataException>(() => Checkpoint.Load(other, path));
        AssertBitwiseEqual(before, other.Parameters);
        Assert.Equal(0, other.StepCount);

        // Same layers, another optimizer: Adam's moments are not SGD's momentum.
        var twin = new CheckpointSgdTwinNet();
        before = twin.Parameters.ToArray();
        error = Assert.Throws<InvalidDataException>(() => twin.Fit(train, validation, resumeFrom: path));
        Assert.Contains("adam.exp_avg", error.Message);
        AssertBitwiseEqual(before, twin.Parameters);
    }

    [Fact]
    public void ResumingWithOtherDataOrFromAModelFileIsRefused()
    {
        (Dataset train, Dataset validation) = Classification(95, 30, seed: 1);
        var options = new CheckpointOptions { Directory = _directory, EveryEpochs = 3 };
        new CheckpointAdamNet().Fit(train, validation, checkpoints: options);

        var model = new CheckpointAdamNet();
        float[] before = model.Parameters.ToArray();
        (Dataset smaller, _) = Classification(50, 30, seed: 1);
        var error = Assert.Throws<InvalidDataException>(() => model.Fit(smaller, validation, resumeFrom: options.EpochFile(3)));
        Assert.Contains("same data", error.Message);
        error = Assert.Throws<InvalidDataException>(() => model.Fit(train, null, resumeFrom: options.EpochFile(3)));
        Assert.Contains("same data", error.Message);

        string modelFile = Path.Combine(_directory, "weights.safetensors");
        model.Save(modelFile);
        error = Assert.Throws<InvalidDataException>(() => model.Fit(train, validation, resumeFrom: modelFile));
        Assert.Contains("not a checkpoint", error.Message);

        // A truncated checkpoint.
        string truncated = Path.Combine(_directory, "truncated.safetensors");
        byte[] bytes = File.ReadAllBytes(options.EpochFile(3));
        File.WriteAllBytes(truncated, bytes.AsSpan(0, bytes.Length - 4).ToArray());
        Assert.Throws<InvalidDataException>(() => model.Fit(train, validation, resumeFrom: truncated));
        AssertBitwiseEqual(before, model.Parameters);
        Assert.Equal(0, model.StepCount);
    }

    [Fact]
    public void OptimizerStateIsExposedByName()
    {
        Assert.Equal(["adam.exp_avg", "adam.exp_avg_sq"], Names<CheckpointAdamNet>());
        Assert.Equal(["sgd.momentum_buffer"], Names<CheckpointSgdTwinNet>());
        var model = new CheckpointAdamNet();
        ITrainableModel<CheckpointAdamNet> trainable = model;
        Assert.Equal(model.Parameters.Length, trainable.OptimizerState(1).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainable.OptimizerState(2));
        trainable.StepCount = 7;
        Assert.Equal(7, model.StepCount);
    }

    private static string[] Names<TModel>()
        where TModel : ITrainableModel<TModel> => TModel.OptimizerStates.ToArray();

    /// <summary>Trains with checkpoints and cancels once epoch <paramref name="stopAfter"/> has been reported.</summary>
    private static void Interrupt<TModel>(TModel model, Dataset train, Dataset validation, CheckpointOptions options, int stopAfter)
        where TModel : ITrainableModel<TModel>
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Callback(report =>
        {
            if (report.Epoch == stopAfter)
            {
                cancel.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => Trainer.Fit(model, train, validation, progress, cancel.Token, options));
        Assert.True(File.Exists(options.EpochFile(stopAfter)));
        Assert.False(File.Exists(options.EpochFile(stopAfter + 1)));
    }

    private static void AssertSameState<TModel>(TModel expected, TModel actual)
        where TModel : ITrainableModel<TModel>
    {
        AssertBitwiseEqual(expected.Parameters, actual.Parameters);
        AssertBitwiseEqual(expected.Statistics, actual.Statistics);
        for (int i = 0; i < TModel.OptimizerStates.Length; i++)
        {
            AssertBitwiseEqual(expected.OptimizerState(i), actual.OptimizerState(i));
        }

        Assert.Equal(expected.StepCount, actual.StepCount);
    }

    private static void AssertSameHistory(TrainingHistory expected, TrainingHistory actual)
    {
        Assert.Equal(expected.Epochs.Count, actual.Epochs.Count);
        for (int i = 0; i < expected.Epochs.Count; i++)
        {
            // Everything but the time the epoch took.
            Assert.Equal(expected.Epochs[i] with { Seconds = 0 }, actual.Epochs[i] with { Seconds = 0 });
        }

        Assert.Equal(expected.StoppedEarly, actual.StoppedEarly);
        Assert.Equal(expected.BestEpoch, actual.BestEpoch);
        Assert.Equal(expected.RestoredBestWeights, actual.RestoredBestWeights);
    }

    private static void AssertBitwiseEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(
            MemoryMarshal.Cast<float, int>(expected).SequenceEqual(MemoryMarshal.Cast<float, int>(actual)),
            "The values differ in their bits.");
    }

    /// <summary>Classes from a linear rule on 4 features: learnable.</summary>
    private static (Dataset Train, Dataset Validation) Classification(int trainCount, int validationCount, int seed)
    {
        Dataset Make(int count, int s)
        {
            float[] x = TestData.Uniform(count * 4, s);
            var labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                float score = x[i * 4] + (0.5f * x[(i * 4) + 1]) - x[(i * 4) + 2];
                labels[i] = score > 0.4f ? 2 : score < -0.4f ? 0 : 1;
            }

            return Dataset.FromArrays(x, 4, labels);
        }

        return (Make(trainCount, seed), Make(validationCount, seed + 100));
    }

    /// <summary>
    /// Two targets from a smooth function of 5 features; the validation targets are noise, so
    /// that its loss stalls and the plateau reduction acts.
    /// </summary>
    private static (Dataset Train, Dataset Validation) Regression(int trainCount, int validationCount, int seed)
    {
        Dataset Make(int count, int s)
        {
            float[] x = TestData.Uniform(count * 5, s);
            var y = new float[count * 2];
            for (int i = 0; i < count; i++)
            {
                y[i * 2] = x[i * 5] - (0.5f * x[(i * 5) + 3]);
                y[(i * 2) + 1] = MathF.Sin(2 * x[(i * 5) + 1]) * x[(i * 5) + 4];
            }

            return Dataset.FromArrays(x, 5, y, 2);
        }

        return (Make(trainCount, seed), Dataset.FromArrays(TestData.Uniform(validationCount * 5, seed + 100), 5, TestData.Uniform(validationCount * 2, seed + 101), 2));
    }

    /// <summary>Random labels: the validation loss soon rises and early stopping ends the run.</summary>
    private static (Dataset Train, Dataset Validation) Noise(int trainCount, int validationCount, int seed) =>
        (Dataset.FromArrays(TestData.Uniform(trainCount * 4, seed), 4, TestData.Labels(trainCount, 3, seed + 1)),
         Dataset.FromArrays(TestData.Uniform(validationCount * 4, seed + 2), 4, TestData.Labels(validationCount, 3, seed + 3)));

    /// <summary>Reports synchronously, on the training thread.</summary>
    private sealed class Callback(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
