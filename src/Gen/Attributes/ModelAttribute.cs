using System;

namespace Gen;

/// <summary>
/// Marks a <c>partial class</c> as a Gen model. Gen's source generator emits its forward and
/// backward passes and its optimizer, specialized to the layers declared with
/// <see cref="DenseAttribute"/> and friends, in the order they are written.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>The number of input features of one sample (784 for a 28×28 image).</summary>
    public int Inputs { get; set; }

    /// <summary>Seed of the weight initialization and of shuffling: the same seed gives the same weights, bit for bit.</summary>
    public int Seed { get; set; }
}
