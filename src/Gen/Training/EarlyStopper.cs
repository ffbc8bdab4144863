namespace Gen;

/// <summary>
/// Early stopping as Keras' <c>EarlyStopping</c> callback decides it: an epoch improves when its
/// metric beats the best so far by more than <c>MinDelta</c> (lower for the loss, higher for the
/// accuracy); training stops once <c>Patience</c> epochs in a row have not improved.
/// </summary>
internal sealed class EarlyStopper
{
    private readonly EarlyStoppingOptions _options;
    private int _wait;

    public EarlyStopper(EarlyStoppingOptions options)
    {
        _options = options;
        Best = options.Monitor == Metric.ValidationAccuracy ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>The best value of the monitored metric so far.</summary>
    public double Best { get; private set; }

    /// <summary>The epoch (from 1) of <see cref="Best"/>, or 0 before the first improvement.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The state, for checkpoints: the best value, its epoch and the epochs since.</summary>
    public (double Best, int BestEpoch, int Wait) State
    {
        get => (Best, BestEpoch, _wait);
        set => (Best, BestEpoch, _wait) = value;
    }

    /// <summary>Records one epoch's metric; returns whether it improved, and whether training should stop.</summary>
    public (bool Improved, bool Stop) Observe(int epoch, double value)
    {
        // NaN never improves: both comparisons are false.
        bool improved = _options.Monitor == Metric.ValidationAccuracy
            ? value - _options.MinDelta > Best
            : value + _options.MinDelta < Best;
        if (improved)
        {
            Best = value;
            BestEpoch = epoch;
            _wait = 0;
            return (true, false);
        }

        _wait++;
        return (false, _wait >= _options.Patience);
    }
}
