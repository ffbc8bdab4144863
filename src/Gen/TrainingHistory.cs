using System.Collections.Generic;

namespace Gen;

/// <summary>Every epoch's report of one <c>Fit</c> run, in order.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = new();

    /// <summary>The reports, one per epoch trained.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>The last epoch's report, or null before the first.</summary>
    public EpochReport? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <summary>Total seconds spent in training steps.</summary>
    public double TrainingSeconds
    {
        get
        {
            double total = 0;
            foreach (EpochReport epoch in _epochs)
            {
                total += epoch.Seconds;
            }

            return total;
        }
    }

    internal void Add(EpochReport report) => _epochs.Add(report);
}
