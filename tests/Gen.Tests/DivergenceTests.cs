using System;
using System.Collections.Generic;
using System.Linq;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// The NaN guard: a step whose loss is NaN or infinite stops <c>Fit</c> with a
/// <see cref="TrainingDivergedException"/> naming the epoch and step, and the model keeps the
/// weights of the last epoch that trained without diverging.
/// </summary>
public sealed class DivergenceTests
{
    private static Dataset Data(int count, int seed, float scale = 1f)
    {
        float[] x = TestData.Uniform(count * 2, seed).Select(v => v * scale).ToArray();
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = (0.5f * x[2 * i]) + x[(2 * i) + 1];
        }

        return Dataset.FromArrays(x, 2, y, 1);
    }

    [Fact]
    public void A_huge_learning_rate_diverges_and_the_model_keeps_its_initial_weights()
    {
        var model = new DivergingRegressor { LearningRate = 1e6f };
        float[] initial = model.Parameters.ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(Data(64, 1)));

        Assert.Equal(1, error.Epoch);
        Assert.InRange(error.Step, 2, 8); // the first step's loss is finite; the weights explode from there
        Assert.False(double.IsFinite(error.Loss));
        Assert.Equal(1e6, error.LearningRate);
        Assert.Contains($"Training diverged at epoch 1, step {error.Step}", error.Message);
        Assert.Contains("lower learning rate", error.Message);
        Assert.Empty(error.History.Epochs);

        Assert.Equal(initial, model.Parameters.ToArray()); // bit-exact: the weights before the epoch
        Assert.Equal(1e6f, model.LearningRate); // the rate Fit started with
        Assert.True(model.StepCount >= error.Step);
    }

    [Fact]
    public void Inputs_that_overflow_the_loss_stop_at_the_first_step()
    {
        var model = new DivergingRegressor();
        float[] initial = model.Parameters.ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(Data(64, 1, scale: 1e30f)));

        Assert.Equal(1, error.Epoch);
        Assert.Equal(1, error.Step);
        Assert.True(double.IsPositiveInfinity(error.Loss) || double.IsNaN(error.Loss));
        Assert.Contains("Training diverged at epoch 1, step 1", error.Message);
        Assert.Equal(initial, model.Parameters.ToArray());
    }

    [Fact]
    public void A_divergence_in_a_later_epoch_keeps_the_weights_of_the_last_good_epoch()
    {
        // Epoch 1 trains at the declared 0.05; from epoch 2 the schedule multiplies it by 10⁷.
        var model = new LateDivergingRegressor();
        var afterEpoch = new List<float[]>();
        var progress = new Progress(report => afterEpoch.Add(model.Parameters.ToArray()));
        var error = Assert.Throws<TrainingDivergedException>(() => model.Fit(Data(64, 1), progress: progress));

        Assert.Equal(2, error.Epoch);
        Assert.Equal(0.05 * 1e7, error.LearningRate, 1);
        Assert.Contains("epoch 2, step", error.Message);
        Assert.Single(error.History.Epochs);
        Assert.True(double.IsFinite(error.History.Epochs[0].TrainLoss));
        Assert.Single(afterEpoch);
        Assert.Equal(afterEpoch[0], model.Parameters.ToArray()); // bit-exact: the weights after epoch 1
        Assert.Equal(0.05f, model.LearningRate);
    }

    [Fact]
    public void The_message_names_an_infinite_loss()
    {
        var error = new TrainingDivergedException(3, 7, double.PositiveInfinity, 0.5);
        Assert.Equal(
            "Training diverged at epoch 3, step 7: the loss is +∞ at learning rate 0.5. The model keeps the weights of the last epoch that trained without diverging. Try a lower learning rate (for example 0.05), a warmup, or inputs scaled to a small range.",
            error.Message);
        Assert.Contains("the loss is NaN", new TrainingDivergedException(1, 1, double.NaN, 1).Message);
        Assert.Contains("weights are no longer finite", new TrainingDivergedException(1, 1, 2.5, 1).Message);
    }

    [Fact]
    public void Non_finite_data_is_named_before_training_not_reported_as_divergence()
    {
        var model = new DivergingRegressor();
        float[] x = [1, 2, 3, float.NaN];
        var error = Assert.Throws<ArgumentException>(() => model.Fit(Dataset.FromArrays(x, 2, [1f, 2f], 1)));
        Assert.Contains("Sample 1, feature 1 is NaN", error.Message);

        var targets = Assert.Throws<ArgumentException>(() => model.Fit(Dataset.FromArrays([1f, 2f], 2, [float.PositiveInfinity], 1)));
        Assert.Contains("Sample 0, target 0", targets.Message);
        Assert.Equal(0, model.StepCount);
    }

    [Fact]
    public void The_data_check_can_be_skipped_and_the_nan_guard_then_catches_the_bad_value()
    {
        var model = new DivergingRegressor();
        float[] x = [1, 2, 3, float.NaN];
        Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, Dataset.FromArrays(x, 2, [1f, 2f], 1), checkFinite: false));
    }

    [Fact]
    public void Losses_with_a_sign_in_their_gradient_pass_NaN_on_instead_of_throwing()
    {
        // MathF.Sign throws on NaN: a diverging MAE or Huber model would stop with an
        // ArithmeticException before the NaN guard could name the step.
        float[] outputs = [float.NaN, 2f];
        float[] targets = [0f, 0f];
        var gradient = new float[2];
        Assert.True(float.IsNaN(Gen.Kernels.LossKernels.MeanAbsoluteError(outputs, targets, gradient, 2)));
        Assert.True(float.IsNaN(gradient[0]));
        Assert.Equal(0.5f, gradient[1]);
        Assert.True(float.IsNaN(Gen.Kernels.LossKernels.Huber(outputs, targets, gradient, 2, delta: 1f)));
        Assert.True(float.IsNaN(gradient[0]));
        Assert.Equal(0.5f, gradient[1]);
    }

    [Fact]
    public void A_learning_rate_that_is_not_finite_is_refused()
    {
        var model = new DivergingRegressor { LearningRate = float.NaN };
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(Data(8, 1)));
        Assert.Contains("learning rate is NaN", error.Message);
    }

    private sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
