using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Gen.Kernels;

/// <summary>Turn a model's logits into what <c>Predict</c> returns for cross-entropy models.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OutputKernels
{
    /// <summary>Row-wise softmax of a rows×classes matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities, int rows, int classes)
    {
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.SoftMax(logits.Slice(r * classes, classes), probabilities.Slice(r * classes, classes));
        }
    }

    /// <summary>Element-wise logistic sigmoid.</summary>
    public static void Sigmoid(ReadOnlySpan<float> logits, Span<float> probabilities) =>
        TensorPrimitives.Sigmoid(logits, probabilities.Slice(0, logits.Length));

    /// <summary>The index of the largest value: the predicted class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ArgMax(ReadOnlySpan<float> values) => TensorPrimitives.IndexOfMax(values);
}
