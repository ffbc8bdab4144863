namespace Gen;

/// <summary>One dense layer of a generated model, as persistence and tools see it.</summary>
/// <param name="Inputs">The layer's inputs (the previous layer's units, or the model's inputs).</param>
/// <param name="Units">The layer's outputs.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="WeightOffset">Where its weights [inputs × units] start in the parameter buffer; the biases follow.</param>
public readonly record struct LayerShape(int Inputs, int Units, Activation Activation, int WeightOffset)
{
    /// <summary>Where the layer's biases start in the parameter buffer.</summary>
    public int BiasOffset => WeightOffset + (Inputs * Units);
}
