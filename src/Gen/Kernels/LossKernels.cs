using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Gen.Kernels;

/// <summary>
/// The losses, each the mean over the mini-batch as PyTorch's <c>reduction='mean'</c>, fused with
/// their gradient with respect to the model's last output. An empty gradient span computes the loss
/// only (evaluation).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossKernels
{
    /// <summary>
    /// Softmax cross-entropy on logits: loss = mean over rows of logsumexp(z) − z[label]. Writes
    /// the softmax probabilities to <paramref name="probabilities"/> and, when
    /// <paramref name="gradient"/> is not empty, (softmax − one-hot) / rows to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SoftmaxCrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> probabilities, Span<float> gradient,
        int rows, int classes)
    {
        // The exponentials of the whole batch in one vectorized pass (a row holds only a handful of
        // classes, too few to fill a vector); the maxima, sums and logarithms row by row.
        Span<float> p = probabilities.Slice(0, rows * classes);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> z = logits.Slice(r * classes, classes);
            float max = z[0];
            for (int c = 1; c < z.Length; c++)
            {
                max = MathF.Max(max, z[c]);
            }

            Span<float> shifted = p.Slice(r * classes, classes);
            for (int c = 0; c < z.Length; c++)
            {
                shifted[c] = z[c] - max;
            }
        }

        // The label's shifted logit is read before the exponentials overwrite it.
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            total -= p[(r * classes) + labels[r]];
        }

        TensorPrimitives.Exp(p, p);
        float scale = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = p.Slice(r * classes, classes);
            float sum = 0;
            for (int c = 0; c < row.Length; c++)
            {
                sum += row[c];
            }

            total += MathF.Log(sum);
            float inverse = 1f / sum;
            for (int c = 0; c < row.Length; c++)
            {
                row[c] *= inverse;
            }

            if (!gradient.IsEmpty)
            {
                Span<float> g = gradient.Slice(r * classes, classes);
                for (int c = 0; c < g.Length; c++)
                {
                    g[c] = row[c] * scale;
                }

                g[labels[r]] -= scale;
            }
        }

        return (float)(total / rows);
    }

    /// <summary>
    /// Binary cross-entropy on logits, per output: max(z, 0) − z·t + log(1 + e^−|z|), the stable
    /// form of PyTorch's <c>BCEWithLogitsLoss</c>. Writes sigmoid probabilities and (σ(z) − t) / count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float BinaryCrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> probabilities, Span<float> gradient, int count)
    {
        double total = 0;
        float scale = 1f / count;
        for (int i = 0; i < count; i++)
        {
            float z = logits[i];
            float t = targets[i];
            total += MathF.Max(z, 0f) - (z * t) + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
            float p = 1f / (1f + MathF.Exp(-z));
            probabilities[i] = p;
            if (!gradient.IsEmpty)
            {
                gradient[i] = (p - t) * scale;
            }
        }

        return (float)(total / count);
    }

    /// <summary>Mean of (y − t)²; gradient 2(y − t) / count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int count)
    {
        double total = 0;
        float scale = 2f / count;
        for (int i = 0; i < count; i++)
        {
            float d = outputs[i] - targets[i];
            total += d * d;
            if (!gradient.IsEmpty)
            {
                gradient[i] = d * scale;
            }
        }

        return (float)(total / count);
    }

    /// <summary>Mean of |y − t|; gradient sign(y − t) / count (0 where y = t, as PyTorch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float MeanAbsoluteError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int count)
    {
        double total = 0;
        float scale = 1f / count;
        for (int i = 0; i < count; i++)
        {
            float d = outputs[i] - targets[i];
            total += MathF.Abs(d);
            if (!gradient.IsEmpty)
            {
                gradient[i] = MathF.Sign(d) * scale;
            }
        }

        return (float)(total / count);
    }

    /// <summary>
    /// Huber: ½d² where |d| ≤ δ, else δ(|d| − ½δ); gradient d or δ·sign(d), over count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Huber(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int count, float delta)
    {
        double total = 0;
        float scale = 1f / count;
        for (int i = 0; i < count; i++)
        {
            float d = outputs[i] - targets[i];
            float size = MathF.Abs(d);
            bool quadratic = size <= delta;
            total += quadratic ? 0.5f * d * d : delta * (size - (0.5f * delta));
            if (!gradient.IsEmpty)
            {
                gradient[i] = (quadratic ? d : delta * MathF.Sign(d)) * scale;
            }
        }

        return (float)(total / count);
    }
}
