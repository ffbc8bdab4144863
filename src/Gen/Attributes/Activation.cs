namespace Gen;

/// <summary>The nonlinearity a <see cref="DenseAttribute"/> layer applies to its output.</summary>
public enum Activation
{
    /// <summary>No activation: the layer is linear (use it for logits and regression outputs).</summary>
    Identity = 0,
    /// <summary><c>max(0, x)</c>.</summary>
    ReLU = 1,
    /// <summary><c>x</c> for positive inputs, <c>slope · x</c> otherwise (see <see cref="DenseAttribute.NegativeSlope"/>).</summary>
    LeakyReLU = 2,
    /// <summary><c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid = 3,
    /// <summary><c>tanh(x)</c>.</summary>
    Tanh = 4,
    /// <summary>Gaussian error linear unit, tanh approximation (PyTorch's <c>approximate='tanh'</c>).</summary>
    GELU = 5,
}
