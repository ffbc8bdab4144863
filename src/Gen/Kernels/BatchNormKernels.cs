using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Gen.Kernels;

/// <summary>
/// Batch normalization over the rows of a rows×units matrix, per unit (PyTorch
/// <c>BatchNorm1d</c>): batch statistics in training (with the running statistics updated), the
/// running statistics in inference, then a learnable scale γ and shift β.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormKernels
{
    /// <summary>
    /// Training: x̂ = (z − mean) / √(var + ε) with the batch's mean and biased variance,
    /// y = γ·x̂ + β. Keeps x̂ and 1/√(var + ε) for the backward pass and moves the running mean
    /// and the running unbiased variance toward the batch's by <paramref name="momentum"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardTraining(
        ReadOnlySpan<float> z, Span<float> normalized, Span<float> output,
        ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> mean, Span<float> inverseStd,
        Span<float> runningMean, Span<float> runningVariance, int rows, int units, float momentum, float epsilon)
    {
        mean = mean.Slice(0, units);
        inverseStd = inverseStd.Slice(0, units);
        mean.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(mean, z.Slice(r * units, units), mean);
        }

        TensorPrimitives.Divide(mean, rows, mean);

        // Variance from the centred values (two passes: stable when the mean is large).
        Span<float> variance = inverseStd;
        variance.Clear();
        for (int r = 0; r < rows; r++)
        {
            Span<float> centred = normalized.Slice(r * units, units);
            TensorPrimitives.Subtract(z.Slice(r * units, units), mean, centred);
            TensorPrimitives.MultiplyAdd(centred, centred, variance, variance);
        }

        TensorPrimitives.Divide(variance, rows, variance);
        float unbiased = rows > 1 ? (float)rows / (rows - 1) : 1f;
        for (int j = 0; j < units; j++)
        {
            runningMean[j] = ((1 - momentum) * runningMean[j]) + (momentum * mean[j]);
            runningVariance[j] = ((1 - momentum) * runningVariance[j]) + (momentum * variance[j] * unbiased);
            inverseStd[j] = 1f / MathF.Sqrt(variance[j] + epsilon);
        }

        for (int r = 0; r < rows; r++)
        {
            Span<float> x = normalized.Slice(r * units, units);
            TensorPrimitives.Multiply(x, inverseStd, x);
            TensorPrimitives.FusedMultiplyAdd(x, scale.Slice(0, units), shift.Slice(0, units), output.Slice(r * units, units));
        }
    }

    /// <summary>Inference: y = γ·(z − running mean) / √(running var + ε) + β.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardInference(
        ReadOnlySpan<float> z, Span<float> output, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int rows, int units, float epsilon)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * units, units);
            Span<float> y = output.Slice(r * units, units);
            for (int j = 0; j < units; j++)
            {
                y[j] = (scale[j] * (zr[j] - runningMean[j]) / MathF.Sqrt(runningVariance[j] + epsilon)) + shift[j];
            }
        }
    }

    /// <summary>
    /// Backward, in place: <paramref name="gradient"/> holds dL/dy on entry and dL/dz on return,
    /// dz = γ·(1/√(var+ε)) / N · (N·dy − Σdy − x̂·Σ(dy·x̂)); also dγ = Σ dy·x̂ and dβ = Σ dy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(
        Span<float> gradient, ReadOnlySpan<float> normalized, ReadOnlySpan<float> scale, ReadOnlySpan<float> inverseStd,
        Span<float> scaleGradient, Span<float> shiftGradient, int rows, int units)
    {
        scaleGradient = scaleGradient.Slice(0, units);
        shiftGradient = shiftGradient.Slice(0, units);
        scaleGradient.Clear();
        shiftGradient.Clear();
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> dy = gradient.Slice(r * units, units);
            TensorPrimitives.Add(shiftGradient, dy, shiftGradient);
            TensorPrimitives.MultiplyAdd(dy, normalized.Slice(r * units, units), scaleGradient, scaleGradient);
        }

        for (int r = 0; r < rows; r++)
        {
            Span<float> g = gradient.Slice(r * units, units);
            ReadOnlySpan<float> x = normalized.Slice(r * units, units);
            for (int j = 0; j < units; j++)
            {
                g[j] = scale[j] * inverseStd[j] / rows * ((rows * g[j]) - shiftGradient[j] - (x[j] * scaleGradient[j]));
            }
        }
    }
}
