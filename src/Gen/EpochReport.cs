using System.Globalization;

namespace Gen;

/// <summary>What one epoch of <c>Fit</c> did.</summary>
public sealed record EpochReport
{
    /// <summary>The epoch, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The epochs the run was planned for.</summary>
    public required int Epochs { get; init; }

    /// <summary>The mean training loss over the epoch's mini-batches, weighted by their size.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>The validation loss at the end of the epoch, when a validation set was given.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>The validation accuracy at the end of the epoch, for classifiers with a validation set.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>
    /// The learning rate the epoch trained with: its scheduled rate, or during a per-step warmup
    /// the rate of its last step.
    /// </summary>
    public required double LearningRate { get; init; }

    /// <summary>Wall-clock seconds of the epoch's training steps (validation excluded).</summary>
    public required double Seconds { get; init; }

    /// <summary>Training samples per second over the epoch.</summary>
    public double SamplesPerSecond => Seconds > 0 ? Samples / Seconds : 0;

    /// <summary>Training samples seen in the epoch.</summary>
    public required int Samples { get; init; }

    /// <summary>
    /// True when the validation loss has risen for two epochs in a row (from the epoch before last
    /// to the last, and from the last to this one) while the training loss fell in both: the model
    /// is learning its training set at the expense of new data. Regularization (L2, dropout) or
    /// early stopping are the usual remedies.
    /// </summary>
    public bool Overfitting { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}/{Epochs}  loss {TrainLoss:F4}");
        if (ValidationLoss is double validationLoss)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  val_loss {validationLoss:F4}");
        }

        if (ValidationAccuracy is double accuracy)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  val_acc {accuracy:P2}");
        }

        text += string.Create(CultureInfo.InvariantCulture, $"  lr {LearningRate:G3}  {Seconds:F3}s  {SamplesPerSecond:N0} samples/s");
        return Overfitting ? text + "  overfitting: val_loss rising while loss falls" : text;
    }
}
