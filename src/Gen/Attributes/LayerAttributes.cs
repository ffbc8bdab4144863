using System;

namespace Gen;

/// <summary>
/// Inverted dropout: in training, zeroes each output of the previous layer with probability
/// <see cref="Rate"/> and scales the others by <c>1 / (1 − rate)</c>, from a generator seeded by the
/// model's seed; in <c>Predict</c> and <c>Evaluate</c> it does nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <param name="rate">The probability of dropping a unit, in [0, 1).</param>
    public DropoutAttribute(float rate) => Rate = rate;

    /// <summary>The probability of dropping a unit.</summary>
    public float Rate { get; }
}

/// <summary>
/// Batch normalization of the previous layer's outputs: batch statistics in training, running
/// statistics in inference, then a learnable scale and shift (PyTorch <c>BatchNorm1d</c>). A
/// <c>Dense</c> layer followed by it needs no bias, and the generated code drops it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>Weight of the newest batch in the running statistics (PyTorch's momentum).</summary>
    public float Momentum { get; set; } = 0.1f;

    /// <summary>Added to the variance for numerical stability.</summary>
    public float Epsilon { get; set; } = 1e-5f;
}
