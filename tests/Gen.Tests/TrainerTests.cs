using System;
using System.Linq;
using System.Collections.Generic;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

public sealed class TrainerTests
{
    private static Dataset Regression(int count, int seed)
    {
        float[] x = TestData.Uniform(count * 3, seed);
        var y = new float[count * 2];
        for (int i = 0; i < count; i++)
        {
            y[2 * i] = x[3 * i] + (0.5f * x[(3 * i) + 1]);
            y[(2 * i) + 1] = x[(3 * i) + 2] * x[3 * i];
        }

        return Dataset.FromArrays(x, 3, y, 2);
    }

    [Fact]
    public void The_last_partial_batch_is_trained_not_dropped()
    {
        var model = new TinyRegressor();
        model.Fit(Regression(10, 1)); // 10 samples, batch 4: 4 + 4 + 2 per epoch, 3 epochs
        Assert.Equal(9, model.StepCount);
    }

    [Fact]
    public void Fit_reports_every_epoch_and_lowers_the_loss()
    {
        var reports = new List<EpochReport>();
        var model = new TinyRegressor();
        Dataset train = Regression(200, 2);
        TrainingHistory history = model.Fit(train, Regression(50, 3), new Collector(reports));

        Assert.Equal(TinyRegressor.Epochs, history.Epochs.Count);
        Assert.Equal(history.Epochs, reports);
        Assert.Equal(new[] { 1, 2, 3 }, history.Epochs.Select(e => e.Epoch));
        Assert.All(history.Epochs, e =>
        {
            Assert.Equal(200, e.Samples);
            Assert.NotNull(e.ValidationLoss);
            Assert.Null(e.ValidationAccuracy); // regression has no accuracy
            Assert.Equal(0.05, e.LearningRate, 6);
            Assert.True(e.Seconds > 0);
        });
        Assert.True(history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Fit_is_deterministic()
    {
        Dataset train = Regression(64, 4);
        var first = new TinyRegressor();
        var second = new TinyRegressor();
        first.Fit(train);
        second.Fit(train);
        Assert.True(first.Parameters.SequenceEqual(second.Parameters));
    }

    [Fact]
    public void Evaluate_matches_the_mean_of_per_sample_losses()
    {
        var model = new TinyRegressor();
        Dataset data = Regression(9, 5);
        Evaluation evaluation = model.Evaluate(data);
        double sum = 0;
        var output = new float[2];
        for (int i = 0; i < data.Count; i++)
        {
            model.Predict(data.GetFeatures(i), output);
            ReadOnlySpan<float> t = data.GetTargets(i);
            sum += (Math.Pow(output[0] - t[0], 2) + Math.Pow(output[1] - t[1], 2)) / 2;
        }

        Assert.Equal(9, evaluation.Count);
        Assert.Equal(sum / 9, evaluation.Loss, 5);
    }

    [Fact]
    public void A_binary_classifier_learns_xor_and_reports_accuracy()
    {
        float[] x = TestData.Uniform(400 * 2, 6);
        var y = new float[400];
        for (int i = 0; i < 400; i++)
        {
            y[i] = (x[2 * i] > 0) ^ (x[(2 * i) + 1] > 0) ? 1f : 0f;
        }

        var model = new XorClassifier();
        Dataset data = Dataset.FromArrays(x, 2, y, 1);
        model.Fit(data);
        Evaluation evaluation = model.Evaluate(data);
        Assert.True(evaluation.Accuracy > 0.9, $"accuracy {evaluation.Accuracy}");
        Assert.Equal(1, model.Classify([0.5f, -0.5f]));
        Assert.Equal(0, model.Classify([0.5f, 0.5f]));
    }

    [Fact]
    public void Fit_rejects_data_of_the_wrong_shape_before_training()
    {
        var model = new TinyRegressor();
        float[] before = model.Parameters.ToArray();
        Dataset wrongWidth = Dataset.FromArrays(new float[8], 4, new float[4], 2);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(wrongWidth));
        Assert.Contains("4 features per sample", error.Message);
        Assert.Contains("takes 3 inputs", error.Message);

        Dataset labelled = Dataset.FromArrays(new float[6], 3, new[] { 0, 1 });
        Assert.Throws<ArgumentException>(() => model.Fit(labelled));
        Assert.True(model.Parameters.SequenceEqual(before));
    }

    [Fact]
    public void Labels_out_of_range_are_named()
    {
        var model = new MnistNet();
        Dataset bad = Dataset.FromArrays(new float[2 * 784], 784, new[] { 3, 10 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(bad));
        Assert.Contains("Sample 1 has label 10", error.Message);
        Assert.Contains("10 classes", error.Message);
    }

    private sealed class Collector(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
