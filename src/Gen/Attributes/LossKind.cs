namespace Gen;

/// <summary>The loss a model is trained to minimise. Every loss is the mean over the mini-batch.</summary>
public enum LossKind
{
    /// <summary>Mean of <c>(y - t)²</c> over every output of every sample (PyTorch <c>MSELoss</c>).</summary>
    MeanSquaredError = 0,
    /// <summary>Mean of <c>|y - t|</c> over every output of every sample (PyTorch <c>L1Loss</c>).</summary>
    MeanAbsoluteError = 1,
    /// <summary>Huber loss with <see cref="LossAttribute.Delta"/> (PyTorch <c>HuberLoss</c>).</summary>
    Huber = 2,
    /// <summary>
    /// Binary cross-entropy on logits, one independent 0/1 target per output
    /// (PyTorch <c>BCEWithLogitsLoss</c>). <c>Predict</c> returns sigmoid probabilities.
    /// </summary>
    BinaryCrossEntropy = 3,
    /// <summary>
    /// Softmax cross-entropy on logits with class-index labels (PyTorch <c>CrossEntropyLoss</c>).
    /// <c>Predict</c> returns softmax probabilities.
    /// </summary>
    SoftmaxCrossEntropy = 4,
}
