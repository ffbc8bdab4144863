using System;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>After warm-up, a training step and a prediction allocate nothing.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void TrainStep_allocates_nothing()
    {
        var harness = new ModelHarness<MnistNet>(rows: MnistNet.BatchSize, seed: 1);
        SteadyState.WarmUp(() => harness.TrainStep()); // JIT tiers, static initialization

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            harness.TrainStep();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Predict_and_Classify_allocate_nothing()
    {
        var model = new MnistNet();
        float[] one = TestData.Uniform(MnistNet.InputCount, 2, 0, 1);
        float[] batch = TestData.Uniform(100 * MnistNet.InputCount, 3, 0, 1);
        var output = new float[MnistNet.OutputCount];
        var outputs = new float[100 * MnistNet.OutputCount];
        SteadyState.WarmUp(() =>
        {
            model.Predict(one, output);
            model.Predict(batch, outputs);
            model.Classify(one);
        });

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            model.Predict(one, output);
            model.Predict(batch, outputs);
            model.Classify(one);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
