using System;

namespace Gen;

/// <summary>A fully connected layer: <c>y = activation(x · W + b)</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <param name="units">The number of outputs of the layer.</param>
    /// <param name="activation">The nonlinearity applied to the outputs.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of outputs of the layer.</summary>
    public int Units { get; }

    /// <summary>The nonlinearity applied to the outputs.</summary>
    public Activation Activation { get; }

    /// <summary>The slope for negative inputs of <see cref="Gen.Activation.LeakyReLU"/> (PyTorch's default, 0.01).</summary>
    public float NegativeSlope { get; set; } = 0.01f;
}
