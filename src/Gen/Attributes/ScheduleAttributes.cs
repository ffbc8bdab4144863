using System;

namespace Gen;

// Learning-rate schedules: at most one decay, plus an optional Warmup. Each gives the learning
// rate of every epoch exactly as the PyTorch scheduler of the same name does when stepped once per
// epoch.

/// <summary>Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepEpochs"/> epochs (PyTorch <c>StepLR</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StepDecayAttribute : Attribute
{
    /// <summary>Epochs between two decays.</summary>
    public int StepEpochs { get; set; } = 10;

    /// <summary>The factor of each decay, in (0, 1].</summary>
    public float Gamma { get; set; } = 0.1f;
}

/// <summary>Multiplies the learning rate by <see cref="Gamma"/> every epoch (PyTorch <c>ExponentialLR</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ExponentialDecayAttribute : Attribute
{
    /// <summary>The factor per epoch, in (0, 1].</summary>
    public float Gamma { get; set; } = 0.95f;
}

/// <summary>
/// Scales the learning rate linearly from 1 to <see cref="EndFactor"/> over <see cref="Epochs"/>
/// epochs, then holds it (PyTorch <c>LinearLR</c> with <c>start_factor = 1</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LinearDecayAttribute : Attribute
{
    /// <summary>The factor reached at the end, in [0, 1].</summary>
    public float EndFactor { get; set; }

    /// <summary>Epochs of the decay (PyTorch's <c>total_iters</c>).</summary>
    public int Epochs { get; set; } = 10;
}

/// <summary>
/// Cosine annealing from the learning rate to <see cref="MinLearningRate"/> over
/// <see cref="Epochs"/> epochs (PyTorch <c>CosineAnnealingLR</c> with <c>T_max = Epochs</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CosineDecayAttribute : Attribute
{
    /// <summary>Epochs of one half cosine (PyTorch's <c>T_max</c>).</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>The learning rate at the end (PyTorch's <c>eta_min</c>).</summary>
    public float MinLearningRate { get; set; }
}

/// <summary>
/// Raises the learning rate linearly from near 0 to its scheduled value over the first
/// <see cref="Epochs"/> epochs or the first <see cref="Steps"/> mini-batches (one of the two).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class WarmupAttribute : Attribute
{
    /// <summary>Warmup length in epochs (0 when <see cref="Steps"/> is used).</summary>
    public int Epochs { get; set; }

    /// <summary>Warmup length in optimizer steps (0 when <see cref="Epochs"/> is used).</summary>
    public int Steps { get; set; }
}

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when the validation loss has not improved
/// for <see cref="Patience"/> epochs (PyTorch <c>ReduceLROnPlateau</c>, mode min, relative threshold 1e-4).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReduceOnPlateauAttribute : Attribute
{
    /// <summary>The factor of each reduction, in (0, 1].</summary>
    public float Factor { get; set; } = 0.1f;

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; set; } = 10;
}

/// <summary>What <see cref="EarlyStoppingAttribute"/> watches.</summary>
public enum Metric
{
    /// <summary>The validation loss; lower is better.</summary>
    ValidationLoss = 0,
    /// <summary>The validation accuracy; higher is better.</summary>
    ValidationAccuracy = 1,
}

/// <summary>
/// Stops training when the monitored validation metric has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs, and by default restores the weights of
/// the best epoch.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EarlyStoppingAttribute : Attribute
{
    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; set; } = 5;

    /// <summary>The smallest change that counts as an improvement.</summary>
    public float MinDelta { get; set; }

    /// <summary>The metric watched.</summary>
    public Metric Monitor { get; set; } = Metric.ValidationLoss;

    /// <summary>Restore the weights of the best epoch when training ends.</summary>
    public bool RestoreBestWeights { get; set; } = true;
}
