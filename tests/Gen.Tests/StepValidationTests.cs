using System;
using System.Linq;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>Bad spans meet a clear error that names the value and what was expected, and change nothing.</summary>
public sealed class StepValidationTests
{
    [Fact]
    public void TrainStep_rejects_inputs_that_do_not_match_the_labels()
    {
        var model = new MnistNet();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[783], new[] { 1 }));
        Assert.Contains("784 inputs per sample", error.Message);
        Assert.Contains("783", error.Message);
        Assert.True(model.Parameters.SequenceEqual(before));
    }

    [Fact]
    public void TrainStep_rejects_more_rows_than_the_batch_size()
    {
        var model = new MnistNet();
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[65 * 784], new int[65]));
        Assert.Contains("1 to 64 samples", error.Message);
    }

    [Fact]
    public void TrainStep_rejects_a_label_out_of_range_before_any_change()
    {
        var model = new MnistNet();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainStep(new float[2 * 784], new[] { 0, 12 }));
        Assert.Contains("Label 1 is 12", error.Message);
        Assert.True(model.Parameters.SequenceEqual(before));
        Assert.Equal(0, model.StepCount);
    }

    [Fact]
    public void Targets_must_be_whole_rows_of_outputs()
    {
        var model = new TinyRegressor();
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[6], new float[3]));
        Assert.Contains("multiple of 2", error.Message);
    }

    [Fact]
    public void The_wrong_target_kind_says_which_to_use()
    {
        ITrainableModel<MnistNet> model = new MnistNet();
        var error = Assert.Throws<InvalidOperationException>(() => model.TrainStep(new float[784], new float[10]));
        Assert.Contains("class labels", error.Message);
    }

    [Fact]
    public void Predict_checks_both_spans()
    {
        var model = new MnistNet();
        Assert.Contains("not a positive multiple of 784", Assert.Throws<ArgumentException>(() => model.Predict(new float[100], new float[10])).Message);
        Assert.Contains("need an output of 20", Assert.Throws<ArgumentException>(() => model.Predict(new float[2 * 784], new float[10])).Message);
        Assert.Contains("784 inputs per sample", Assert.Throws<ArgumentException>(() => model.Classify(new float[10])).Message);
    }

    [Fact]
    public void Predict_of_a_batch_equals_predict_of_each_sample()
    {
        var model = new MnistNet();
        const int samples = 150; // more than two batches of 64
        float[] inputs = TestData.Uniform(samples * 784, 8, 0, 1);
        var batch = new float[samples * 10];
        model.Predict(inputs, batch);
        var one = new float[10];
        for (int s = 0; s < samples; s++)
        {
            model.Predict(inputs.AsSpan(s * 784, 784), one);
            for (int c = 0; c < 10; c++)
            {
                // Every kernel sums in the same order, so the bits do not depend on the batch around a sample.
                Assert.Equal(one[c], batch[(s * 10) + c]);
            }

            Assert.Equal(1f, one.AsSpan().ToArray().Sum(), 5);
        }
    }
}
