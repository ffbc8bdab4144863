using System;
using System.Reflection;
using Gen.Kernels;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Data-parallel training (<c>TrainingThreads</c>): a mini-batch split across threads gives the
/// gradient, loss and training of one thread up to float rounding, deterministically, with the
/// same dropout masks and penalties, and without allocating.
/// </summary>
[Collection(nameof(DataParallelTests))]
public sealed class DataParallelTests
{
    [Theory]
    [InlineData(40, 2)]
    [InlineData(37, 2)]
    [InlineData(40, 3)]
    [InlineData(15, 2)] // fewer than 8 rows per thread: one thread
    public void A_classifier_with_dropout_gets_the_gradient_of_one_thread(int rows, int threads)
    {
        var inputs = TestData.Uniform(rows * ShardedClassifier.InputCount, 1);
        var labels = TestData.Labels(rows, ShardedClassifier.OutputCount, 2);
        var serial = new ShardedClassifier();
        var parallel = new ShardedClassifier { TrainingThreads = threads };
        Assert.Equal(threads, parallel.TrainingThreads);

        float serialLoss = serial.ComputeGradients(inputs, labels);
        float parallelLoss = parallel.ComputeGradients(inputs, labels);

        AssertClose(serialLoss, parallelLoss, "loss");
        AssertClose(serial.Gradients, parallel.Gradients);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(17)]
    public void A_regressor_gets_the_gradient_of_one_thread(int rows)
    {
        var inputs = TestData.Uniform(rows * ShardedRegressor.InputCount, 3);
        var targets = TestData.Uniform(rows * ShardedRegressor.OutputCount, 4);
        var serial = new ShardedRegressor();
        var parallel = new ShardedRegressor { TrainingThreads = 2 };

        AssertClose(serial.ComputeGradients(inputs, targets), parallel.ComputeGradients(inputs, targets), "loss");
        AssertClose(serial.Gradients, parallel.Gradients);
    }

    [Fact]
    public void Training_on_two_threads_follows_one_thread()
    {
        var serial = new MnistNet();
        var parallel = new MnistNet { TrainingThreads = 2 };
        for (int step = 0; step < 30; step++)
        {
            var inputs = TestData.Uniform(MnistNet.BatchSize * MnistNet.InputCount, 100 + step, 0, 1);
            var labels = TestData.Labels(MnistNet.BatchSize, MnistNet.OutputCount, 200 + step);
            AssertClose(serial.TrainStep(inputs, labels), parallel.TrainStep(inputs, labels), $"loss of step {step}");
        }

        AssertClose(serial.Parameters, parallel.Parameters, tolerance: 1e-4f);
        Assert.Equal(serial.StepCount, parallel.StepCount);
    }

    [Fact]
    public void Training_on_two_threads_is_deterministic()
    {
        float[] first = TrainTwice();
        float[] second = TrainTwice();
        Assert.Equal(first, second);

        static float[] TrainTwice()
        {
            var model = new ShardedClassifier { TrainingThreads = 2 };
            for (int step = 0; step < 20; step++)
            {
                model.TrainStep(TestData.Uniform(40 * ShardedClassifier.InputCount, step), TestData.Labels(40, ShardedClassifier.OutputCount, step));
            }

            return model.Parameters.ToArray();
        }
    }

    [Fact]
    public void A_step_on_two_threads_allocates_nothing_on_any_thread()
    {
        var model = new MnistNet { TrainingThreads = 2 };
        var inputs = TestData.Uniform(MnistNet.BatchSize * MnistNet.InputCount, 7, 0, 1);
        var labels = TestData.Labels(MnistNet.BatchSize, MnistNet.OutputCount, 8);
        for (int i = 0; i < 100; i++)
        {
            model.TrainStep(inputs, labels); // warm-up: the JIT's tiers on both threads, the worker thread starts
        }

        // Each thread's own count: the caller's, and the worker's as it reports it after each shard.
        // (The whole process's count would include the test runner's threads.)
        var parallel = (DataParallelStep)typeof(MnistNet).GetField("_dataParallel", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(model)!;
        long caller = GC.GetAllocatedBytesForCurrentThread();
        long worker = parallel.WorkerAllocatedBytes;
        for (int i = 0; i < 50; i++)
        {
            model.TrainStep(inputs, labels);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - caller);
        Assert.Equal(0, parallel.WorkerAllocatedBytes - worker);
    }

    [Fact]
    public void Back_to_one_thread_trains_as_a_model_that_never_split()
    {
        var inputs = TestData.Uniform(40 * ShardedClassifier.InputCount, 11);
        var labels = TestData.Labels(40, ShardedClassifier.OutputCount, 12);
        var serial = new ShardedClassifier();
        var model = new ShardedClassifier { TrainingThreads = 2 };
        model.TrainingThreads = 1;

        Assert.Equal(1, model.TrainingThreads);
        Assert.Equal(serial.TrainStep(inputs, labels), model.TrainStep(inputs, labels));
        Assert.Equal(serial.Parameters.ToArray(), model.Parameters.ToArray());
    }

    [Fact]
    public void Batch_normalization_trains_on_one_thread_and_says_why()
    {
        var model = new BatchNormNet { TrainingThreads = 1 };
        var error = Assert.Throws<NotSupportedException>(() => model.TrainingThreads = 2);
        Assert.Contains("batch normalization needs the statistics of the whole mini-batch", error.Message);
        Assert.Equal(1, model.TrainingThreads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)]
    public void A_thread_count_out_of_range_is_refused(int threads)
    {
        var model = new ShardedClassifier();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainingThreads = threads);
        Assert.Contains($"ShardedClassifier.TrainingThreads is 1 to 64, but {threads} was given", error.Message);
    }

    private static void AssertClose(float expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5f * Math.Max(1f, Math.Abs(expected)), $"{what}: {actual}, expected {expected}");

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1f, Math.Abs(expected[i])),
                $"value {i}: {actual[i]}, expected {expected[i]}");
        }
    }
}

/// <summary>Runs alone: the allocation test counts the whole process's allocations.</summary>
[CollectionDefinition(nameof(DataParallelTests), DisableParallelization = true)]
public sealed class DataParallelTestsCollection;
