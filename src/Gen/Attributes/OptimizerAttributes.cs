using System;

namespace Gen;

// One attribute per optimizer, each with PyTorch's update rule and defaults, so that a model
// declared here and the same model in PyTorch take the same steps. A model declares exactly one.

/// <summary>Stochastic gradient descent, with optional (Nesterov) momentum (PyTorch <c>torch.optim.SGD</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SgdAttribute : Attribute
{
    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = 0.01f;

    /// <summary>The momentum factor in [0, 1); 0 is plain SGD.</summary>
    public float Momentum { get; set; }

    /// <summary>Use Nesterov momentum (needs <see cref="Momentum"/> above 0).</summary>
    public bool Nesterov { get; set; }
}

/// <summary>Adam (PyTorch <c>torch.optim.Adam</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdamAttribute : Attribute
{
    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Decay of the first-moment estimate, in [0, 1).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay of the second-moment estimate, in [0, 1).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Added to the denominator for numerical stability.</summary>
    public float Epsilon { get; set; } = 1e-8f;
}

/// <summary>Adam with decoupled weight decay (PyTorch <c>torch.optim.AdamW</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdamWAttribute : Attribute
{
    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>Decay of the first-moment estimate, in [0, 1).</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay of the second-moment estimate, in [0, 1).</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Added to the denominator for numerical stability.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>Decoupled weight decay: each step multiplies every parameter by <c>1 - LearningRate · WeightDecay</c>.</summary>
    public float WeightDecay { get; set; } = 0.01f;
}

/// <summary>RMSProp (PyTorch <c>torch.optim.RMSprop</c>, not centered).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RmsPropAttribute : Attribute
{
    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = 1e-2f;

    /// <summary>Decay of the running mean of squared gradients, in [0, 1).</summary>
    public float Alpha { get; set; } = 0.99f;

    /// <summary>Added to the denominator for numerical stability.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>The momentum factor in [0, 1); 0 is none.</summary>
    public float Momentum { get; set; }
}

/// <summary>AdaGrad (PyTorch <c>torch.optim.Adagrad</c>, no learning-rate decay).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdaGradAttribute : Attribute
{
    /// <summary>The step size.</summary>
    public float LearningRate { get; set; } = 1e-2f;

    /// <summary>Added to the denominator for numerical stability.</summary>
    public float Epsilon { get; set; } = 1e-10f;
}
