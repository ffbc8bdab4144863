using System;

namespace Gen;

/// <summary>The loss the model minimises.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <param name="kind">The loss function.</param>
    public LossAttribute(LossKind kind) => Kind = kind;

    /// <summary>The loss function.</summary>
    public LossKind Kind { get; }

    /// <summary>The threshold of <see cref="LossKind.Huber"/> between its quadratic and linear parts.</summary>
    public float Delta { get; set; } = 1f;
}
