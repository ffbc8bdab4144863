using System;

namespace Gen;

/// <summary>How the model is trained by <c>Fit</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TrainingAttribute : Attribute
{
    /// <summary>
    /// Samples per mini-batch, and the largest batch <c>TrainStep</c> accepts. The last partial
    /// batch of an epoch is trained, not dropped.
    /// </summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// The share of the training set held out for validation when <c>Fit</c> is called without a
    /// validation set, in [0, 1); 0 holds out nothing.
    /// </summary>
    public float ValidationFraction { get; set; }

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; set; } = 10;
}
