using System;
using System.Collections.Generic;
using System.Linq;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Early stopping (Keras' rule: stop after <c>Patience</c> epochs in a row without an improvement
/// larger than <c>MinDelta</c>), restoring the best epoch's weights bit for bit, and the validation
/// split of <see cref="TrainingPlan.ValidationFraction"/>.
/// </summary>
public sealed class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_improvement_and_restores_the_best_weights()
    {
        // The model learns y = 2x while the validation set says y = −2x: the validation loss rises
        // after every epoch, so epoch 1 is the best and epochs 2, 3, 4 are the three without
        // improvement that patience 3 allows. Training stops after epoch 4 of 30.
        var model = new EarlyStoppingRegressor();
        var weights = new WeightRecorder<EarlyStoppingRegressor>(model);
        TrainingHistory history = model.Fit(ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, -2f, 12), weights);

        ScheduleTests.AssertRisingValidationLoss(history);
        Assert.Equal(4, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.Equal(1, history.BestEpoch);
        Assert.True(history.RestoredBestWeights);
        Assert.Equal(weights.AfterEpoch[0], model.Parameters.ToArray()); // bit-exact: the weights after epoch 1
        Assert.NotEqual(weights.AfterEpoch[3], model.Parameters.ToArray());
        Assert.Equal(history.Epochs[0].ValidationLoss, model.Evaluate(ScheduleTests.Line(32, -2f, 12)).Loss);
    }

    [Fact]
    public void The_best_epoch_can_be_in_the_middle_of_the_run()
    {
        // Validation y = 1.6x: the weight climbs from its initial 1.09 towards 2 and passes 1.6,
        // so the validation loss falls, then rises.
        var model = new EarlyStoppingRegressor();
        var weights = new WeightRecorder<EarlyStoppingRegressor>(model);
        TrainingHistory history = model.Fit(ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, 1.6f, 12), weights);

        double[] losses = history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray();
        (int stop, int best) = KerasEarlyStopping(losses, patience: 3, minDelta: 0, higherIsBetter: false);
        Assert.True(best > 1, $"best epoch {best}: the scenario should improve for a while");
        Assert.True(history.StoppedEarly);
        Assert.Equal(stop, history.Epochs.Count);
        Assert.Equal(best + 3, history.Epochs.Count);
        Assert.Equal(best, history.BestEpoch);
        Assert.Equal(losses.Min(), losses[best - 1]);
        Assert.Equal(weights.AfterEpoch[best - 1], model.Parameters.ToArray());
    }

    [Fact]
    public void Batch_normalization_statistics_are_restored_with_the_weights()
    {
        var model = new NormalizedStoppingRegressor();
        Assert.NotEqual(0, model.Statistics.Length);
        var parameters = new List<float[]>();
        var statistics = new List<float[]>();
        var progress = new Recorder(_ =>
        {
            parameters.Add(model.Parameters.ToArray());
            statistics.Add(model.Statistics.ToArray());
        });
        TrainingHistory history = model.Fit(ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, -2f, 12), progress);

        double[] losses = history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray();
        (int stop, int best) = KerasEarlyStopping(losses, patience: 2, minDelta: 0, higherIsBetter: false);
        Assert.True(history.StoppedEarly);
        Assert.Equal(stop, history.Epochs.Count);
        Assert.Equal(best, history.BestEpoch);
        Assert.Equal(parameters[best - 1], model.Parameters.ToArray());
        Assert.Equal(statistics[best - 1], model.Statistics.ToArray());
        Assert.NotEqual(statistics[^1], statistics[best - 1]);
        Assert.Equal(losses[best - 1], model.Evaluate(ScheduleTests.Line(32, -2f, 12)).Loss);
    }

    [Fact]
    public void Without_RestoreBestWeights_the_last_weights_stay()
    {
        var model = new EarlyStoppingLastWeightsRegressor();
        var weights = new WeightRecorder<EarlyStoppingLastWeightsRegressor>(model);
        TrainingHistory history = model.Fit(ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, -2f, 12), weights);

        Assert.Equal(4, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.Equal(1, history.BestEpoch);
        Assert.False(history.RestoredBestWeights);
        Assert.Equal(weights.AfterEpoch[3], model.Parameters.ToArray());
    }

    [Fact]
    public void An_improvement_must_exceed_MinDelta()
    {
        // Validation y = 2x: the loss falls every epoch, but never by more than 100, so after the
        // first epoch (an improvement on +∞) nothing counts and patience 2 stops after epoch 3.
        var model = new MinDeltaRegressor();
        var weights = new WeightRecorder<MinDeltaRegressor>(model);
        TrainingHistory history = model.Fit(ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, 2f, 12), weights);

        Assert.True(history.Epochs[2].ValidationLoss < history.Epochs[0].ValidationLoss);
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.Equal(1, history.BestEpoch);
        Assert.Equal(weights.AfterEpoch[0], model.Parameters.ToArray());
    }

    [Fact]
    public void Monitoring_the_validation_accuracy_stops_when_it_stops_rising()
    {
        var model = new AccuracyStoppingClassifier();
        var weights = new WeightRecorder<AccuracyStoppingClassifier>(model);
        TrainingHistory history = model.Fit(Sectors(300, 21, noise: 0.3f), Sectors(200, 22, noise: 0.3f), weights);

        double[] accuracy = history.Epochs.Select(e => e.ValidationAccuracy!.Value).ToArray();
        (int stop, int best) = KerasEarlyStopping(accuracy, patience: 2, minDelta: 0, higherIsBetter: true);
        Assert.True(history.StoppedEarly, "accuracy should level off before 40 epochs");
        Assert.Equal(stop, history.Epochs.Count);
        Assert.Equal(best, history.BestEpoch);
        Assert.Equal(accuracy.Max(), accuracy[best - 1]);
        Assert.Equal(weights.AfterEpoch[best - 1], model.Parameters.ToArray());
        Assert.Equal(accuracy[best - 1], model.Evaluate(Sectors(200, 22, noise: 0.3f)).Accuracy);
    }

    [Fact]
    public void Early_stopping_without_validation_data_is_refused_before_training()
    {
        var model = new EarlyStoppingRegressor();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(ScheduleTests.Line(64, 2f, 11)));
        Assert.Contains("EarlyStoppingRegressor declares early stopping", error.Message);
        Assert.Contains("no validation set", error.Message);
        Assert.Contains("ValidationFraction", error.Message);
        Assert.Equal(0, model.StepCount);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void Empty_data_sets_are_refused()
    {
        var model = new EarlyStoppingRegressor();
        Dataset empty = Dataset.FromArrays([], 1, [], 1);
        Assert.Contains("validation set is empty", Assert.Throws<ArgumentException>(() => model.Fit(ScheduleTests.Line(8, 2f, 1), empty)).Message);
        Assert.Contains("training set is empty", Assert.Throws<ArgumentException>(() => model.Fit(empty, ScheduleTests.Line(8, 2f, 1))).Message);
        Assert.Equal(0, model.StepCount);
    }

    [Fact]
    public void Monitoring_accuracy_of_a_regression_model_is_refused()
    {
        var model = new AccuracyMonitoringRegressor();
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(ScheduleTests.Line(64, 2f, 11)));
        Assert.Contains("regression model", error.Message);
        Assert.Contains("Metric.ValidationLoss", error.Message);
        Assert.Equal(0, model.StepCount);
    }

    [Fact]
    public void ValidationFraction_holds_out_a_split_seeded_with_the_model_seed()
    {
        Dataset data = ScheduleTests.Line(100, 2f, 13);
        var model = new HeldOutRegressor();
        TrainingHistory history = model.Fit(data);

        (Dataset train, Dataset heldOut) = data.Split(0.8, HeldOutRegressor.Seed);
        Assert.Equal(80, train.Count);
        Assert.All(history.Epochs, e => Assert.Equal(80, e.Samples));
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.Equal(model.Evaluate(heldOut).Loss, history.Epochs[^1].ValidationLoss);
        Assert.Equal(80 / 16 * 2, model.StepCount);

        // The same run by hand on the same split: the same weights.
        var byHand = new HeldOutRegressor();
        TrainingHistory handHistory = Trainer.Fit(byHand, train, heldOut);
        Assert.Equal(byHand.Parameters.ToArray(), model.Parameters.ToArray());
        Assert.Equal(handHistory.Epochs.Select(e => e.ValidationLoss), history.Epochs.Select(e => e.ValidationLoss));
    }

    [Fact]
    public void A_validation_set_given_to_Fit_wins_over_the_fraction()
    {
        var model = new HeldOutRegressor();
        TrainingHistory history = model.Fit(ScheduleTests.Line(100, 2f, 13), ScheduleTests.Line(10, 2f, 14));
        Assert.All(history.Epochs, e => Assert.Equal(100, e.Samples));
    }

    [Fact]
    public void Early_stopping_uses_the_held_out_split()
    {
        var model = new HeldOutStoppingRegressor();
        TrainingHistory history = model.Fit(ScheduleTests.Line(100, 2f, 13));
        Assert.All(history.Epochs, e => Assert.Equal(75, e.Samples));
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.NotNull(history.BestEpoch);
    }

    [Fact]
    public void A_split_that_leaves_nothing_to_validate_is_refused()
    {
        var model = new HeldOutRegressor();
        var error = Assert.Throws<ArgumentException>(() => model.Fit(ScheduleTests.Line(2, 2f, 13)));
        Assert.Contains("leaves", error.Message);
        Assert.Throws<ArgumentException>(() => model.Fit(ScheduleTests.Line(1, 2f, 13)));
    }

    [Fact]
    public void Without_early_stopping_the_best_epoch_is_the_lowest_validation_loss()
    {
        var model = new TinyRegressor();
        TrainingHistory history = model.Fit(Regression(40, 1), Regression(20, 2));
        double[] losses = history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray();
        Assert.Equal(Array.IndexOf(losses, losses.Min()) + 1, history.BestEpoch);
        Assert.False(history.StoppedEarly);
        Assert.False(history.RestoredBestWeights);
        Assert.Null(new TinyRegressor().Fit(Regression(40, 1)).BestEpoch);
    }

    [Fact]
    public void The_stopper_follows_Keras()
    {
        var stopper = new EarlyStopper(new EarlyStoppingOptions(2, 0.1, Metric.ValidationLoss, true));
        Assert.Equal((true, false), stopper.Observe(1, 1.0));
        Assert.Equal((false, false), stopper.Observe(2, 0.95)); // better, but not by more than 0.1
        Assert.Equal((true, false), stopper.Observe(3, 0.85)); // 0.85 + 0.1 < 1.0
        Assert.Equal((false, false), stopper.Observe(4, double.NaN));
        Assert.Equal((false, true), stopper.Observe(5, 0.8));
        Assert.Equal(3, stopper.BestEpoch);
        Assert.Equal(0.85, stopper.Best);

        var accuracy = new EarlyStopper(new EarlyStoppingOptions(1, 0, Metric.ValidationAccuracy, true));
        Assert.Equal((true, false), accuracy.Observe(1, 0.5));
        Assert.Equal((true, false), accuracy.Observe(2, 0.6));
        Assert.Equal((false, true), accuracy.Observe(3, 0.6)); // equal is not better
        Assert.Equal(2, accuracy.BestEpoch);
    }

    /// <summary>An independent statement of Keras' rule: the epoch (from 1) it stops after, and the best epoch.</summary>
    private static (int Stop, int Best) KerasEarlyStopping(double[] values, int patience, double minDelta, bool higherIsBetter)
    {
        double best = higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        int bestEpoch = 0;
        int wait = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool improved = higherIsBetter ? values[i] - minDelta > best : values[i] + minDelta < best;
            if (improved)
            {
                best = values[i];
                bestEpoch = i + 1;
                wait = 0;
            }
            else if (++wait >= patience)
            {
                return (i + 1, bestEpoch);
            }
        }

        return (values.Length, bestEpoch);
    }

    /// <summary>Three classes by the angle of a 2-D point, with noisy labels near the borders.</summary>
    private static Dataset Sectors(int count, int seed, float noise)
    {
        float[] x = TestData.Uniform(count * 2, seed);
        var random = new Random(seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            double angle = Math.Atan2(x[(2 * i) + 1], x[2 * i]) + (noise * (random.NextDouble() - 0.5));
            labels[i] = (int)((angle + Math.PI) / (2 * Math.PI / 3)) % 3;
        }

        return Dataset.FromArrays(x, 2, labels);
    }

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

    private sealed class Recorder(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }

    /// <summary>Copies the weights at each epoch's report (after its validation, before early stopping acts).</summary>
    private sealed class WeightRecorder<TModel>(TModel model) : IProgress<EpochReport>
        where TModel : ITrainableModel<TModel>
    {
        public List<float[]> AfterEpoch { get; } = new();

        public void Report(EpochReport value) => AfterEpoch.Add(model.Parameters.ToArray());
    }
}
