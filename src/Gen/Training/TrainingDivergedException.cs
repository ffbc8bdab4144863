using System;
using System.Globalization;

namespace Gen;

/// <summary>
/// Thrown by <c>Fit</c> when a training step's loss is NaN or infinite (or the weights stop being
/// finite): training has diverged, usually because the learning rate is too high. When it is
/// thrown the model holds the last good weights, those it had at the end of the last epoch that
/// trained without diverging (its initial weights if that is the first).
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a divergence at <paramref name="epoch"/> and <paramref name="step"/>.</summary>
    /// <param name="epoch">The epoch, from 1, whose step diverged.</param>
    /// <param name="step">The mini-batch of that epoch, from 1, whose loss was not finite.</param>
    /// <param name="loss">The step's loss: NaN or infinite (or the last finite loss if the weights, not the loss, became non-finite).</param>
    /// <param name="learningRate">The learning rate the step trained with.</param>
    public TrainingDivergedException(int epoch, int step, double loss, double learningRate)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged at epoch {epoch}, step {step}: the loss is {Describe(loss)} at learning rate {learningRate:G3}. The model keeps the weights of the last epoch that trained without diverging. Try a lower learning rate (for example {learningRate / 10:G3}), a warmup, or inputs scaled to a small range."))
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
        LearningRate = learningRate;
    }

    /// <summary>The epoch, from 1, in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The mini-batch of <see cref="Epoch"/>, from 1, whose loss was not finite.</summary>
    public int Step { get; }

    /// <summary>The loss of that step: NaN or infinite.</summary>
    public double Loss { get; }

    /// <summary>The learning rate the diverging step trained with.</summary>
    public double LearningRate { get; }

    /// <summary>The reports of the epochs completed before the divergence (empty if it came in the first).</summary>
    public TrainingHistory History { get; internal init; } = new();

    private static string Describe(double loss) => double.IsFinite(loss)
        ? loss.ToString("G6", CultureInfo.InvariantCulture) + " but the weights are no longer finite"
        : double.IsNaN(loss) ? "NaN" : double.IsPositiveInfinity(loss) ? "+∞" : "−∞";
}
