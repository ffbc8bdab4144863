using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Gen.Kernels;

/// <summary>Turn a model's logits into what <c>Predict</c> returns for cross-entropy models.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OutputKernels
{
    /// <summary>
    /// Row-wise softmax of a rows×classes matrix: the probabilities that training's loss computes, bit
    /// for bit, each row shifted by its largest logit first. (TensorPrimitives.SoftMax exponentiates
    /// the logits as they are, and gave NaN for every class of a row with a logit above about 88.7.)
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities, int rows, int classes) =>
        LossKernels.Softmax(logits, probabilities, rows, classes);

    /// <summary>Element-wise logistic sigmoid.</summary>
    public static void Sigmoid(ReadOnlySpan<float> logits, Span<float> probabilities) =>
        TensorPrimitives.Sigmoid(logits, probabilities.Slice(0, logits.Length));

    /// <summary>The index of the largest value: the predicted class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ArgMax(ReadOnlySpan<float> values) => TensorPrimitives.IndexOfMax(values);
}
