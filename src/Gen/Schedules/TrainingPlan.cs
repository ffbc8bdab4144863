namespace Gen;

/// <summary>
/// How <c>Fit</c> trains a model beyond its mini-batches: the learning-rate schedule and warmup,
/// plateau reduction, early stopping and the validation split. The generator builds one from
/// the model's attributes; the trainer follows it.
/// </summary>
public sealed record TrainingPlan
{
    /// <summary>A plan with no schedule, no early stopping and no validation split.</summary>
    public static TrainingPlan Default { get; } = new();

    /// <summary>The decay of the learning rate per epoch, or null for a fixed rate.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Epochs of linear warmup (0 for none): epoch e trains at (e + 1) / WarmupEpochs of the scheduled rate.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Optimizer steps of linear warmup (0 for none): step s trains at (s + 1) / WarmupSteps of the scheduled rate.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Reduce the learning rate when the validation loss stalls, or null.</summary>
    public ReduceOnPlateauOptions? ReduceOnPlateau { get; init; }

    /// <summary>Stop when the validation metric stalls, or null.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>The share of the training set held out for validation when <c>Fit</c> gets no validation set.</summary>
    public double ValidationFraction { get; init; }
}

/// <summary>PyTorch <c>ReduceLROnPlateau</c> in mode min with a relative threshold of 1e-4 and no cooldown.</summary>
/// <param name="Factor">The factor of each reduction, in (0, 1].</param>
/// <param name="Patience">Epochs without improvement of the validation loss before a reduction.</param>
public sealed record ReduceOnPlateauOptions(double Factor, int Patience);

/// <summary>Early stopping on a validation metric.</summary>
/// <param name="Patience">Epochs without an improvement larger than <paramref name="MinDelta"/> before stopping.</param>
/// <param name="MinDelta">The smallest change that counts as an improvement.</param>
/// <param name="Monitor">The metric watched.</param>
/// <param name="RestoreBestWeights">Restore the weights of the best epoch at the end.</param>
public sealed record EarlyStoppingOptions(int Patience, double MinDelta, Metric Monitor, bool RestoreBestWeights);
