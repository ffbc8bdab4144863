namespace Gen;

/// <summary>One dense layer of a generated model, with what follows it, as persistence and tools see it.</summary>
/// <param name="Inputs">The layer's inputs (the previous layer's units, or the model's inputs).</param>
/// <param name="Units">The layer's outputs.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="WeightOffset">Where its weights [inputs × units] start in the parameter buffer.</param>
/// <param name="BiasOffset">Where its biases start in the parameter buffer; −1 when batch normalization replaces them.</param>
/// <param name="NormScaleOffset">
/// Where its batch normalization's scales start in the parameter buffer (the shifts follow); −1 without batch normalization.
/// </param>
/// <param name="RunningStatisticsOffset">
/// Where its batch normalization's running means start in the statistics buffer (the variances follow); −1 without.
/// </param>
/// <param name="DropoutRate">The dropout after the layer's activation; 0 for none.</param>
/// <param name="NormEpsilon">
/// The ε its batch normalization adds to the variance before the square root (<c>[BatchNorm(Epsilon = ...)]</c>);
/// meaningless without batch normalization.
/// </param>
/// <param name="NegativeSlope">
/// The slope of <see cref="Activation.LeakyReLU"/> for negative inputs (<c>[Dense(..., NegativeSlope = ...)]</c>);
/// meaningless for other activations.
/// </param>
public readonly record struct LayerShape(
    int Inputs,
    int Units,
    Activation Activation,
    int WeightOffset,
    int BiasOffset,
    int NormScaleOffset = -1,
    int RunningStatisticsOffset = -1,
    float DropoutRate = 0f,
    float NormEpsilon = 1e-5f,
    float NegativeSlope = 0.01f)
{
    /// <summary>True when batch normalization follows the layer's product.</summary>
    public bool HasBatchNorm => NormScaleOffset >= 0;
}
