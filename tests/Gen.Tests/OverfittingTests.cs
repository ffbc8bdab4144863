using System.Linq;
using Overfitting;
using Xunit;

namespace Gen.Tests;

/// <summary>The Overfitting sample's claim, measured: every remedy shrinks the train/test gap.</summary>
public sealed class OverfittingTests
{
    [Fact]
    public void L2_dropout_and_early_stopping_each_shrink_the_gap_on_1000_digits()
    {
        Dataset all = Dataset.LoadIdx(TestData.DataFile("train-images-idx3-ubyte.gz"), TestData.DataFile("train-labels-idx1-ubyte.gz"));
        Dataset test = Dataset.LoadIdx(TestData.DataFile("test-images-idx3-ubyte.gz"), TestData.DataFile("test-labels-idx1-ubyte.gz"));
        var results = OverfittingStudy.Run(all.Shuffle(seed: 3).Take(1000), test);

        OverfittingResult plain = results.Single(r => r.Name == "plain");
        Assert.True(plain.TrainAccuracy > 0.99, "The plain network should memorize its 1,000 digits.");
        Assert.All(results.Where(r => r != plain), remedy =>
            Assert.True(remedy.Gap < plain.Gap, $"{remedy.Name}: gap {remedy.Gap:P1} is not below the plain network's {plain.Gap:P1}"));
        Assert.True(results.Single(r => r.Name == "early stopping").Epochs < 60, "Early stopping should stop before the last epoch.");
    }
}
