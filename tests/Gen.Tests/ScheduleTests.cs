using System;
using System.Collections.Generic;
using System.Linq;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Learning-rate schedules against PyTorch: the expected rates are PyTorch 1.13's schedulers
/// (SGD, one <c>scheduler.step()</c> per epoch, <c>param_groups[0]['lr']</c> read before each
/// epoch), which equal the closed forms written beside them. And <c>Fit</c> trains every epoch
/// and step at the rate the plan gives.
/// </summary>
public sealed class ScheduleTests
{
    /// <summary>StepLR(step_size = 3, gamma = 0.5): lr · 0.5^⌊e/3⌋.</summary>
    private static readonly double[] StepLR = [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125];

    /// <summary>ExponentialLR(gamma = 0.8): lr · 0.8^e.</summary>
    private static readonly double[] ExponentialLR =
    [
        1.0, 0.8, 0.6400000000000001, 0.5120000000000001, 0.40960000000000013, 0.32768000000000014, 0.2621440000000001,
        0.2097152000000001, 0.1677721600000001, 0.13421772800000006, 0.10737418240000006, 0.08589934592000005,
    ];

    /// <summary>LinearLR(start_factor = 1, end_factor = 0.25, total_iters = 4): lr · (1 − 0.75 · min(e, 4)/4).</summary>
    private static readonly double[] LinearLR = [1.0, 0.8125, 0.625, 0.4375, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25];

    /// <summary>CosineAnnealingLR(T_max = 5, eta_min = 0.1): 0.1 + 0.9 · (1 + cos(π e/5)) / 2 (rising again past T_max).</summary>
    private static readonly double[] CosineAnnealingLR =
    [
        1.0, 0.9140576474687263, 0.6890576474687263, 0.41094235253127365, 0.1859423525312737, 0.1,
        0.18594235253127367, 0.41094235253127387, 0.6890576474687268, 0.9140576474687271, 1.0000000000000009, 0.9140576474687274,
    ];

    public static TheoryData<string> ScheduleNames => new() { "step", "exponential", "linear", "cosine" };

    private static (LearningRateSchedule Schedule, double[] Expected) Schedule(string name) => name switch
    {
        "step" => (new StepDecaySchedule(3, 0.5), StepLR),
        "exponential" => (new ExponentialDecaySchedule(0.8), ExponentialLR),
        "linear" => (new LinearDecaySchedule(0.25, 4), LinearLR),
        "cosine" => (new CosineDecaySchedule(5, 0.1), CosineAnnealingLR),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ScheduleNames))]
    public void Every_schedule_matches_PyTorch_at_every_epoch(string name)
    {
        (LearningRateSchedule schedule, double[] expected) = Schedule(name);
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            Assert.Equal(expected[epoch], schedule.LearningRate(1.0, epoch), 12);
            if (name != "cosine") // eta_min is absolute; the others scale with the declared rate
            {
                Assert.Equal(0.003 * expected[epoch], schedule.LearningRate(0.003, epoch), 14);
            }
        }
    }

    [Fact]
    public void The_closed_forms_are_the_documented_formulas()
    {
        var step = new StepDecaySchedule(3, 0.5);
        var exponential = new ExponentialDecaySchedule(0.8);
        var linear = new LinearDecaySchedule(0.25, 4);
        var cosine = new CosineDecaySchedule(5, 0.1);
        for (int e = 0; e < 12; e++)
        {
            Assert.Equal(0.2 * Math.Pow(0.5, e / 3), step.LearningRate(0.2, e), 15);
            Assert.Equal(0.2 * Math.Pow(0.8, e), exponential.LearningRate(0.2, e), 15);
            Assert.Equal(0.2 * (1 - (0.75 * Math.Min(e, 4) / 4)), linear.LearningRate(0.2, e), 15);
            Assert.Equal(0.1 + ((0.2 - 0.1) * (1 + Math.Cos(Math.PI * e / 5)) / 2), cosine.LearningRate(0.2, e), 15);
        }
    }

    [Fact]
    public void Schedules_reject_impossible_lengths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecaySchedule(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearDecaySchedule(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecaySchedule(0, 0));
    }

    // The models declare 0.2f; the schedules scale that float (0.2000000030) in double and the
    // trainer rounds the result to the model's float rate, so the expected rates do the same.
    private const double Declared = 0.2f;

    [Fact]
    public void Fit_trains_each_epoch_at_the_StepLR_rate() =>
        AssertTrainsAt<StepDecayRegressor>(StepLR.Take(10).Select(f => Declared * f).ToArray(), samples: 20);

    [Fact]
    public void Fit_trains_each_epoch_at_the_ExponentialLR_rate() =>
        AssertTrainsAt<ExponentialDecayRegressor>(ExponentialLR.Take(10).Select(f => Declared * f).ToArray(), samples: 20);

    [Fact]
    public void Fit_trains_each_epoch_at_the_LinearLR_rate() =>
        AssertTrainsAt<LinearDecayRegressor>(LinearLR.Take(10).Select(f => Declared * f).ToArray(), samples: 20);

    [Fact]
    public void Fit_trains_each_epoch_at_the_CosineAnnealingLR_rate()
    {
        // CosineAnnealingLR(T_max = 5, eta_min = 0.02) from 0.2: 0.02 + 0.18 · (1 + cos(π e/5)) / 2.
        double[] expected = Enumerable.Range(0, 10).Select(e => 0.02 + ((Declared - 0.02) * (1 + Math.Cos(Math.PI * e / 5)) / 2)).ToArray();
        Assert.Equal(0.02, expected[5], 15);
        AssertTrainsAt<CosineDecayRegressor>(expected, samples: 20);
    }

    [Fact]
    public void Epoch_warmup_chained_with_StepLR_matches_PyTorch()
    {
        // ChainedScheduler([LinearLR(start_factor = 1/3, end_factor = 1, total_iters = 2), StepLR(3, 0.5)])
        // from 0.2, as PyTorch 1.13 gives it: warmup (e + 1)/3 for e < 3, times 0.5^⌊e/3⌋.
        double[] pytorch = [0.06666666666666667, 0.13333333333333333, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05];
        AssertTrainsAt<EpochWarmupRegressor>(pytorch.Select(r => r / 0.2 * Declared).ToArray(), samples: 20);
    }

    [Fact]
    public void Step_warmup_sets_the_rate_before_every_step()
    {
        // 20 samples in batches of 8: 3 steps per epoch. Step s (from 0) of 5 warmup steps trains at
        // 0.2 · (s + 1)/5; from step 5 on at 0.2.
        double[] factors = [0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1];
        (List<double> stepRates, TrainingHistory history) = Train<StepWarmupRegressor>(samples: 20);
        Assert.Equal(factors.Length, stepRates.Count);
        for (int s = 0; s < factors.Length; s++)
        {
            Assert.Equal((float)(s < 5 ? Declared * (s + 1) / 5 : Declared), (float)stepRates[s]);
            Assert.Equal(Declared * factors[s], stepRates[s], 6);
        }

        // An epoch reports the rate of its last step.
        Assert.Equal(new[] { (float)(Declared * 3 / 5), 0.2f, 0.2f }, history.Epochs.Select(e => (float)e.LearningRate));
    }

    [Fact]
    public void A_plan_declared_with_attributes_is_followed()
    {
        // [StepDecay(StepEpochs = 2, Gamma = 0.5f)] [Warmup(Epochs = 2)]: (e + 1)/2 for e < 2, times 0.5^⌊e/2⌋.
        TrainingPlan plan = PlanOf<DeclaredPlanRegressor>();
        Assert.IsType<StepDecaySchedule>(plan.Schedule);
        Assert.Equal(2, plan.WarmupEpochs);
        Assert.Equal(new EarlyStoppingOptions(3, 0, Metric.ValidationLoss, true), plan.EarlyStopping);
        Assert.Equal(0.25, plan.ValidationFraction, 6);

        double[] factors = [0.5, 1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125];
        var model = new DeclaredPlanRegressor();
        TrainingHistory history = model.Fit(Data(40, 3)); // 30 trained, 10 held out
        Assert.All(history.Epochs, e => Assert.Equal(30, e.Samples));
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        for (int e = 0; e < history.Epochs.Count; e++)
        {
            Assert.Equal((float)(Declared * factors[e]), (float)history.Epochs[e].LearningRate);
        }
    }

    private static TrainingPlan PlanOf<TModel>()
        where TModel : ITrainableModel<TModel> => TModel.Plan;

    [Fact]
    public void Fit_gives_the_model_its_declared_rate_back()
    {
        var model = new StepDecayRegressor();
        model.Fit(Data(20, 2));
        Assert.Equal(0.2f, model.LearningRate);

        // A rate set by hand is the schedule's starting point, and is kept too.
        model.LearningRate = 0.1f;
        TrainingHistory history = model.Fit(Data(20, 2));
        Assert.Equal(0.1f, model.LearningRate);
        Assert.Equal(0.1f * 0.5f, (float)history.Epochs[3].LearningRate);
    }

    [Fact]
    public void Plateau_detection_matches_PyTorch_ReduceLROnPlateau()
    {
        // ReduceLROnPlateau(mode = 'min', factor = 0.5, patience = 2, threshold = 1e-4 rel, cooldown = 0)
        // stepped with these losses gives these rates in PyTorch 1.13. 0.8999 beats 0.9 by more than
        // the relative threshold (0.9 · (1 − 1e-4) = 0.89991); 0.89995 does not beat 0.8999; NaN never improves.
        double[] losses = [1.0, 0.9, 0.9, 0.95, 0.91, 0.8999, 0.89995, 0.85, 0.86, 0.87, 0.88, double.NaN, 0.7, 0.7];
        double[] expected = [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25];
        var plan = new TrainingPlan { ReduceOnPlateau = new ReduceOnPlateauOptions(0.5, 2) };
        var controller = new LearningRateController(plan, 1.0);
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            controller.ObserveValidationLoss(losses[epoch], controller.EpochRate(epoch));
            Assert.Equal(expected[epoch], controller.EpochRate(epoch + 1));
        }

        Assert.Equal(2, controller.Reductions);
    }

    [Fact]
    public void Plateau_reductions_multiply_the_schedule()
    {
        var plan = new TrainingPlan { Schedule = new StepDecaySchedule(2, 0.1), ReduceOnPlateau = new ReduceOnPlateauOptions(0.5, 0) };
        var controller = new LearningRateController(plan, 1.0);
        controller.ObserveValidationLoss(1.0, 1.0); // first: an improvement
        Assert.Equal(1.0, controller.EpochRate(1));
        controller.ObserveValidationLoss(1.0, 1.0); // patience 0: the first bad epoch reduces
        Assert.Equal(0.1 * 0.5, controller.EpochRate(2), 15);
    }

    [Fact]
    public void Plateau_skips_a_reduction_smaller_than_PyTorch_eps()
    {
        var plan = new TrainingPlan { ReduceOnPlateau = new ReduceOnPlateauOptions(0.5, 0) };
        var controller = new LearningRateController(plan, 1e-8);
        controller.ObserveValidationLoss(1.0, 1e-8);
        Assert.False(controller.ObserveValidationLoss(1.0, 1e-8)); // 1e-8 − 0.5e-8 ≤ eps
        Assert.Equal(1e-8, controller.EpochRate(2));
    }

    [Fact]
    public void Fit_reduces_the_rate_when_the_validation_loss_stalls()
    {
        // The model learns y = 2x while the validation set says y = −2x, so the validation loss
        // rises after every epoch: epoch 1 is the best, epochs 2, 3 and 4 are bad, and after the
        // third bad epoch (more than patience 2) the rate halves; three more bad epochs halve it again.
        var model = new PlateauRegressor();
        TrainingHistory history = model.Fit(Line(64, 2f, 11), Line(32, -2f, 12));
        AssertRisingValidationLoss(history);
        float rate = 0.05f;
        float[] expected = [rate, rate, rate, rate, rate / 2, rate / 2, rate / 2, rate / 4, rate / 4, rate / 4];
        Assert.Equal(expected, history.Epochs.Select(e => (float)e.LearningRate));
    }

    [Fact]
    public void Plateau_reduction_without_validation_data_is_refused_before_training()
    {
        var model = new PlateauRegressor();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(Line(64, 2f, 11)));
        Assert.Contains("ReduceOnPlateau", error.Message);
        Assert.Contains("ValidationFraction", error.Message);
        Assert.Equal(0, model.StepCount);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void A_plan_with_two_warmups_is_refused()
    {
        var model = new DoubleWarmupRegressor();
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(Line(64, 2f, 11)));
        Assert.Contains("DoubleWarmupRegressor's training plan is invalid", error.Message);
        Assert.Contains("declare one of the two", error.Message);
    }

    [Theory]
    [InlineData(-1, 0, 0.0)]
    [InlineData(0, -1, 0.0)]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 0, -0.1)]
    [InlineData(0, 0, double.NaN)]
    public void Invalid_plans_name_the_problem(int warmupEpochs, int warmupSteps, double fraction)
    {
        var plan = new TrainingPlan { WarmupEpochs = warmupEpochs, WarmupSteps = warmupSteps, ValidationFraction = fraction };
        var error = Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(plan, "Net"));
        Assert.StartsWith("Net's training plan is invalid: ", error.Message);
    }

    [Fact]
    public void Invalid_plateau_and_early_stopping_options_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { ReduceOnPlateau = new(0, 2) }, "Net"));
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { ReduceOnPlateau = new(1.5, 2) }, "Net"));
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { ReduceOnPlateau = new(0.5, -1) }, "Net"));
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { EarlyStopping = new(0, 0, Metric.ValidationLoss, true) }, "Net"));
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { EarlyStopping = new(2, -1, Metric.ValidationLoss, true) }, "Net"));
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { EarlyStopping = new(2, double.NaN, Metric.ValidationLoss, true) }, "Net"));
        Assert.Throws<InvalidOperationException>(() => LearningRateController.Check(new() { EarlyStopping = new(2, 0, (Metric)7, true) }, "Net"));
        LearningRateController.Check(TrainingPlan.Default, "Net");
    }

    /// <summary>
    /// Trains a one-layer SGD regressor and checks, for every step, that the model's rate was the
    /// epoch's expected rate and that the update really used it: p_before − p_after = lr · g.
    /// </summary>
    private static void AssertTrainsAt<TModel>(double[] expectedPerEpoch, int samples)
        where TModel : class, ITrainableModel<TModel>, new()
    {
        (List<double> stepRates, TrainingHistory history) = Train<TModel>(samples);
        int stepsPerEpoch = (samples + TModel.BatchSize - 1) / TModel.BatchSize;
        Assert.Equal(expectedPerEpoch.Length, history.Epochs.Count);
        for (int epoch = 0; epoch < expectedPerEpoch.Length; epoch++)
        {
            float expected = (float)expectedPerEpoch[epoch];
            Assert.Equal(expected, (float)history.Epochs[epoch].LearningRate);
            for (int s = 0; s < stepsPerEpoch; s++)
            {
                Assert.Equal(expected, (float)stepRates[(epoch * stepsPerEpoch) + s]);
            }
        }
    }

    /// <summary>Fits a fresh model, returning the rate each step was taken with, read back from its update.</summary>
    private static (List<double> StepRates, TrainingHistory History) Train<TModel>(int samples)
        where TModel : class, ITrainableModel<TModel>, new()
    {
        var model = new TModel();
        var probe = new StepProbe<TModel>(model);
        TrainingHistory history = Trainer.Fit(model, Data(samples, 1), progress: probe);
        return (probe.Rates, history);
    }

    private static Dataset Data(int count, int seed)
    {
        float[] x = TestData.Uniform(count * 2, seed);
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = (0.7f * x[2 * i]) - (0.3f * x[(2 * i) + 1]) + 0.1f;
        }

        return Dataset.FromArrays(x, 2, y, 1);
    }

    /// <summary>y = slope · x on x uniform in [−1, 1].</summary>
    internal static Dataset Line(int count, float slope, int seed)
    {
        float[] x = TestData.Uniform(count, seed);
        return Dataset.FromArrays(x, 1, x.Select(v => slope * v).ToArray(), 1);
    }

    internal static void AssertRisingValidationLoss(TrainingHistory history)
    {
        for (int i = 1; i < history.Epochs.Count; i++)
        {
            Assert.True(history.Epochs[i].ValidationLoss > history.Epochs[i - 1].ValidationLoss, $"validation loss did not rise at epoch {i + 1}");
        }
    }

    /// <summary>
    /// After every step: the model's current rate must be the rate the step used, which plain SGD
    /// reveals as (p_before − p_after) / g for the parameter with the largest gradient.
    /// </summary>
    private sealed class StepProbe<TModel> : IProgress<BatchProgress>, IProgress<EpochReport>
        where TModel : ITrainableModel<TModel>
    {
        private readonly TModel _model;
        private float[] _before;

        public StepProbe(TModel model)
        {
            _model = model;
            _before = model.Parameters.ToArray();
        }

        public List<double> Rates { get; } = new();

        public void Report(BatchProgress value)
        {
            float[] after = _model.Parameters.ToArray();
            ReadOnlySpan<float> gradients = _model.Gradients;
            int largest = 0;
            for (int i = 1; i < gradients.Length; i++)
            {
                largest = Math.Abs(gradients[i]) > Math.Abs(gradients[largest]) ? i : largest;
            }

            double used = ((double)_before[largest] - after[largest]) / gradients[largest];
            double rate = _model.LearningRate;
            Assert.True(Math.Abs(used - rate) <= 1e-4 * rate, $"step {Rates.Count}: the update used {used}, the model's rate is {rate}");
            Rates.Add(rate);
            _before = after;
        }

        public void Report(EpochReport value)
        {
        }
    }
}
