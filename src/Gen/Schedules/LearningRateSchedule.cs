using System;

namespace Gen;

/// <summary>
/// A learning rate as a function of the epoch, in the closed form of the PyTorch scheduler of the
/// same name stepped once per epoch. Stateless: the same epoch always gives the same rate, so a
/// resumed run continues exactly.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate of <paramref name="epoch"/> (from 0) for a declared rate of <paramref name="initial"/>.</summary>
    public abstract double LearningRate(double initial, int epoch);
}

/// <summary><c>initial · γ^⌊epoch / stepEpochs⌋</c> (PyTorch <c>StepLR</c>).</summary>
public sealed class StepDecaySchedule(int stepEpochs, double gamma) : LearningRateSchedule
{
    /// <summary>Epochs between two decays.</summary>
    public int StepEpochs { get; } = stepEpochs > 0 ? stepEpochs : throw new ArgumentOutOfRangeException(nameof(stepEpochs), stepEpochs, "Expected at least 1 epoch between decays.");

    /// <summary>The factor of each decay.</summary>
    public double Gamma { get; } = gamma;

    /// <inheritdoc />
    public override double LearningRate(double initial, int epoch) => initial * Math.Pow(Gamma, epoch / StepEpochs);
}

/// <summary><c>initial · γ^epoch</c> (PyTorch <c>ExponentialLR</c>).</summary>
public sealed class ExponentialDecaySchedule(double gamma) : LearningRateSchedule
{
    /// <summary>The factor per epoch.</summary>
    public double Gamma { get; } = gamma;

    /// <inheritdoc />
    public override double LearningRate(double initial, int epoch) => initial * Math.Pow(Gamma, epoch);
}

/// <summary>
/// <c>initial · (1 + (endFactor − 1) · min(epoch, epochs) / epochs)</c> (PyTorch <c>LinearLR</c>
/// with <c>start_factor = 1</c>, <c>total_iters = epochs</c>).
/// </summary>
public sealed class LinearDecaySchedule(double endFactor, int epochs) : LearningRateSchedule
{
    /// <summary>The factor reached after <see cref="Epochs"/>.</summary>
    public double EndFactor { get; } = endFactor;

    /// <summary>Epochs of the decay.</summary>
    public int Epochs { get; } = epochs > 0 ? epochs : throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Expected at least 1 epoch of decay.");

    /// <inheritdoc />
    public override double LearningRate(double initial, int epoch) =>
        initial * (1 + ((EndFactor - 1) * Math.Min(epoch, Epochs) / Epochs));
}

/// <summary>
/// <c>min + (initial − min) · (1 + cos(π · epoch / epochs)) / 2</c> (PyTorch
/// <c>CosineAnnealingLR</c> with <c>T_max = epochs</c>, <c>eta_min = min</c>; past
/// <c>epochs</c> the cosine goes on, as PyTorch's closed form does).
/// </summary>
public sealed class CosineDecaySchedule(int epochs, double minLearningRate) : LearningRateSchedule
{
    /// <summary>Epochs of one half cosine.</summary>
    public int Epochs { get; } = epochs > 0 ? epochs : throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Expected at least 1 epoch.");

    /// <summary>The rate at the end of the half cosine.</summary>
    public double MinLearningRate { get; } = minLearningRate;

    /// <inheritdoc />
    public override double LearningRate(double initial, int epoch) =>
        MinLearningRate + ((initial - MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / Epochs)) / 2);
}
