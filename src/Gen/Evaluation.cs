namespace Gen;

/// <summary>A model's loss and accuracy on a data set.</summary>
/// <param name="Loss">The mean loss over every sample.</param>
/// <param name="Accuracy">
/// The share of correct predictions for classifiers (the arg-max class for softmax cross-entropy;
/// each output thresholded at 0.5 for binary cross-entropy); null for regression.
/// </param>
/// <param name="Count">The number of samples evaluated.</param>
public readonly record struct Evaluation(double Loss, double? Accuracy, int Count);
