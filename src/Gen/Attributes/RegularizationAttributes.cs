using System;

namespace Gen;

/// <summary>
/// L1 regularization of every weight (not biases): adds <c>λ·Σ|w|</c> to the loss and
/// <c>λ·sign(w)</c> to each weight's gradient. Pushes weights to exactly zero (sparse models).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class L1Attribute : Attribute
{
    /// <param name="lambda">The penalty's strength, ≥ 0.</param>
    public L1Attribute(float lambda) => Lambda = lambda;

    /// <summary>The penalty's strength.</summary>
    public float Lambda { get; }
}

/// <summary>
/// L2 regularization of every weight (not biases): adds <c>(λ/2)·Σw²</c> to the loss and
/// <c>λ·w</c> to each weight's gradient, as PyTorch's <c>weight_decay</c> of SGD and Adam. With
/// Adam, prefer <see cref="AdamWAttribute.WeightDecay"/>: L2 through Adam's scaling is not weight decay.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class L2Attribute : Attribute
{
    /// <param name="lambda">The penalty's strength, ≥ 0.</param>
    public L2Attribute(float lambda) => Lambda = lambda;

    /// <summary>The penalty's strength.</summary>
    public float Lambda { get; }
}

/// <summary>
/// Rescales all gradients together before the optimizer step when their global L2 norm exceeds
/// <see cref="MaxNorm"/> (PyTorch <c>clip_grad_norm_</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClipGradientNormAttribute : Attribute
{
    /// <param name="maxNorm">The largest global gradient norm let through, &gt; 0.</param>
    public ClipGradientNormAttribute(float maxNorm) => MaxNorm = maxNorm;

    /// <summary>The largest global gradient norm let through.</summary>
    public float MaxNorm { get; }
}
