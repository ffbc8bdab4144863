using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>The README's promise, end to end on the real digits.</summary>
public sealed class MnistTests
{
    [Fact]
    public void The_readme_model_reaches_at_least_92_percent_test_accuracy_in_10_epochs()
    {
        Dataset train = Dataset.LoadIdx(TestData.DataFile("train-images-idx3-ubyte.gz"), TestData.DataFile("train-labels-idx1-ubyte.gz"));
        Dataset test = Dataset.LoadIdx(TestData.DataFile("test-images-idx3-ubyte.gz"), TestData.DataFile("test-labels-idx1-ubyte.gz"));
        var model = new MnistNet();
        TrainingHistory history = model.Fit(train);
        Evaluation evaluation = model.Evaluate(test);

        Assert.Equal(10, history.Epochs.Count);
        Assert.Equal(2004, evaluation.Count);
        Assert.True(evaluation.Accuracy >= 0.92, $"test accuracy {evaluation.Accuracy:P2} is below the 92 % that TorchSharp and scikit-learn reach with this model");
    }
}
