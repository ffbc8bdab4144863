using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Gen.Kernels;

/// <summary>Weight penalties and gradient clipping, applied by generated code to its weight buffers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RegularizationKernels
{
    /// <summary>Adds λ·w to each weight's gradient and returns the penalty (λ/2)·Σw².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float L2(ReadOnlySpan<float> weights, Span<float> gradients, float lambda)
    {
        TensorPrimitives.MultiplyAdd(weights, lambda, gradients.Slice(0, weights.Length), gradients);
        return 0.5f * lambda * TensorPrimitives.SumOfSquares(weights);
    }

    /// <summary>Adds λ·sign(w) to each weight's gradient and returns the penalty λ·Σ|w|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float L1(ReadOnlySpan<float> weights, Span<float> gradients, float lambda)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            gradients[i] += lambda * MathF.Sign(weights[i]);
        }

        return lambda * TensorPrimitives.SumOfMagnitudes(weights);
    }

    /// <summary>
    /// Scales all gradients by maxNorm / (‖g‖ + 1e-6) when their global L2 norm exceeds
    /// <paramref name="maxNorm"/> (PyTorch <c>clip_grad_norm_</c>). Returns the norm before clipping.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float ClipNorm(Span<float> gradients, float maxNorm)
    {
        float norm = TensorPrimitives.Norm(gradients);
        float coefficient = maxNorm / (norm + 1e-6f);
        if (coefficient < 1f)
        {
            TensorPrimitives.Multiply(gradients, coefficient, gradients);
        }

        return norm;
    }
}
