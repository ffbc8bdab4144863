using System;

namespace Gen;

/// <summary>
/// Turns a <see cref="TrainingPlan"/> into the learning rate of every epoch and step of one
/// <c>Fit</c>: the schedule's closed form, times the warmup factor, times the reductions of
/// plateau detection so far.
/// </summary>
internal sealed class LearningRateController
{
    /// <summary>PyTorch <c>ReduceLROnPlateau</c>'s default relative threshold: an improvement must beat best · (1 − 1e-4).</summary>
    internal const double PlateauThreshold = 1e-4;

    /// <summary>PyTorch <c>ReduceLROnPlateau</c>'s default <c>eps</c>: a reduction smaller than this is not made.</summary>
    internal const double PlateauEpsilon = 1e-8;

    private readonly TrainingPlan _plan;
    private readonly double _declared;
    private double _plateauBest = double.PositiveInfinity;
    private int _plateauBadEpochs;

    /// <summary>A controller for <paramref name="plan"/> and the rate the model was declared with.</summary>
    public LearningRateController(TrainingPlan plan, double declared)
    {
        _plan = plan;
        _declared = declared;
    }

    /// <summary>The product of every plateau reduction so far (1 before the first).</summary>
    public double PlateauScale { get; private set; } = 1;

    /// <summary>Plateau reductions made so far.</summary>
    public int Reductions { get; private set; }

    /// <summary>Plateau detection's state, for checkpoints: the best loss, the epochs since, the scale and the reductions.</summary>
    public (double Best, int BadEpochs, double Scale, int Reductions) State
    {
        get => (_plateauBest, _plateauBadEpochs, PlateauScale, Reductions);
        set => (_plateauBest, _plateauBadEpochs, PlateauScale, Reductions) = value;
    }

    /// <summary>
    /// The rate of <paramref name="epoch"/> (from 0) before any per-step warmup: the schedule's
    /// value, times <c>(epoch + 1) / WarmupEpochs</c> during an epoch warmup, times the plateau scale.
    /// </summary>
    public double EpochRate(int epoch)
    {
        double rate = _plan.Schedule?.LearningRate(_declared, epoch) ?? _declared;
        if (epoch < _plan.WarmupEpochs)
        {
            rate *= (epoch + 1.0) / _plan.WarmupEpochs;
        }

        return rate * PlateauScale;
    }

    /// <summary>
    /// The rate of optimizer step <paramref name="step"/> (from 0, counted over the whole run) in
    /// an epoch of rate <paramref name="epochRate"/>: <c>(step + 1) / WarmupSteps</c> of it during a
    /// step warmup, the epoch's rate after.
    /// </summary>
    public double StepRate(double epochRate, long step) =>
        step < _plan.WarmupSteps ? epochRate * (step + 1.0) / _plan.WarmupSteps : epochRate;

    /// <summary>
    /// Feeds one epoch's validation loss to plateau detection (PyTorch <c>ReduceLROnPlateau</c>,
    /// mode min, relative threshold 1e-4, no cooldown, minimum rate 0): after more than
    /// <c>Patience</c> epochs without improvement the plateau scale is multiplied by <c>Factor</c>.
    /// Returns true when it reduced the rate.
    /// </summary>
    /// <param name="validationLoss">The epoch's validation loss.</param>
    /// <param name="currentRate">The rate the epoch trained with, for PyTorch's rule that skips reductions smaller than 1e-8.</param>
    public bool ObserveValidationLoss(double validationLoss, double currentRate)
    {
        if (_plan.ReduceOnPlateau is not { } plateau)
        {
            return false;
        }

        // NaN is never better, as in PyTorch (a comparison with NaN is false).
        if (validationLoss < _plateauBest * (1 - PlateauThreshold))
        {
            _plateauBest = validationLoss;
            _plateauBadEpochs = 0;
        }
        else
        {
            _plateauBadEpochs++;
        }

        if (_plateauBadEpochs <= plateau.Patience)
        {
            return false;
        }

        _plateauBadEpochs = 0;
        if (currentRate - (currentRate * plateau.Factor) <= PlateauEpsilon)
        {
            return false;
        }

        PlateauScale *= plateau.Factor;
        Reductions++;
        return true;
    }

    /// <summary>Checks every value of a plan before training, so a bad declaration fails at once and says why.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range.</exception>
    public static void Check(TrainingPlan plan, string model)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.WarmupEpochs < 0 || plan.WarmupSteps < 0)
        {
            throw Invalid(model, $"the warmup is {plan.WarmupEpochs} epochs and {plan.WarmupSteps} steps; neither can be negative.");
        }

        if (plan.WarmupEpochs > 0 && plan.WarmupSteps > 0)
        {
            throw Invalid(model, $"the warmup is declared both in epochs ({plan.WarmupEpochs}) and in steps ({plan.WarmupSteps}); declare one of the two.");
        }

        if (!(plan.ValidationFraction >= 0 && plan.ValidationFraction < 1))
        {
            throw Invalid(model, $"ValidationFraction is {plan.ValidationFraction}; it must be in [0, 1) (0 holds out nothing).");
        }

        if (plan.ReduceOnPlateau is { } plateau)
        {
            if (!(plateau.Factor > 0 && plateau.Factor <= 1))
            {
                throw Invalid(model, $"ReduceOnPlateau's Factor is {plateau.Factor}; it must be in (0, 1].");
            }

            if (plateau.Patience < 0)
            {
                throw Invalid(model, $"ReduceOnPlateau's Patience is {plateau.Patience}; it cannot be negative.");
            }
        }

        if (plan.EarlyStopping is { } stopping)
        {
            if (stopping.Patience < 1)
            {
                throw Invalid(model, $"EarlyStopping's Patience is {stopping.Patience}; it must be at least 1 epoch.");
            }

            if (!(stopping.MinDelta >= 0 && double.IsFinite(stopping.MinDelta)))
            {
                throw Invalid(model, $"EarlyStopping's MinDelta is {stopping.MinDelta}; it must be finite and 0 or more.");
            }

            if (!Enum.IsDefined(stopping.Monitor))
            {
                throw Invalid(model, $"EarlyStopping monitors {(int)stopping.Monitor}, which is not a Metric value.");
            }
        }
    }

    private static InvalidOperationException Invalid(string model, string problem) =>
        new($"{model}'s training plan is invalid: {problem}");
}
