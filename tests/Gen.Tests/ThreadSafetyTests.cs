using System.Linq;
using System.Threading.Tasks;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// The contract: one instance is not for concurrent use (its methods share its buffers); each
/// thread takes a <c>Clone()</c>, and concurrent predictions then equal serial ones.
/// </summary>
public sealed class ThreadSafetyTests
{
    [Fact]
    public void Clones_predict_concurrently_exactly_as_the_original_does_serially()
    {
        var harness = new ModelHarness<NormalizedDropoutNet>(rows: 7, seed: 9);
        harness.TrainStep();
        harness.TrainStep();
        NormalizedDropoutNet model = harness.Model;
        float[] inputs = TestData.Uniform(500 * 6, 10);
        var serial = new float[500 * 2];
        model.Predict(inputs, serial);

        float[][] concurrent = Enumerable.Range(0, 8).Select(_ => new float[500 * 2]).ToArray();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            NormalizedDropoutNet mine = model.Clone();
            for (int repeat = 0; repeat < 20; repeat++)
            {
                mine.Predict(inputs, concurrent[t]);
            }
        });

        Assert.All(concurrent, result => Assert.Equal(serial, result));
    }

    [Fact]
    public void A_clone_continues_training_exactly_as_the_original()
    {
        var harness = new ModelHarness<AdamNet>(rows: 8, seed: 2);
        harness.TrainStep();
        AdamNet clone = harness.Model.Clone();
        harness.TrainStep();
        clone.TrainStep(harness.Inputs, harness.Labels);
        Assert.Equal(harness.Model.StepCount, clone.StepCount);
        Assert.Equal(harness.Model.Parameters.ToArray(), clone.Parameters.ToArray());
    }
}
