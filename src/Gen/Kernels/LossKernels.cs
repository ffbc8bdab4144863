using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gen.Kernels;

/// <summary>
/// The losses, each the mean over the mini-batch as PyTorch's <c>reduction='mean'</c>, fused with
/// their gradient with respect to the model's last output. An empty gradient span computes the loss
/// only (evaluation).
/// </summary>
/// <remarks>
/// Gradients of magnitude below <see cref="Subnormals.FlushBelow"/> are written as 0. A model that
/// fits a sample very well gives its wrong classes probabilities that underflow into float's
/// subnormal range (logits about 87 or more below the largest); the backward products that then
/// read their gradients took microcode assists on Intel cores, and after 20,000 steps on one
/// mini-batch the MNIST step ran 2.8× slower (655 against 235 µs).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LossKernels
{
    /// <summary>A logit further than this below its row's largest gets a probability of 0; e^−87 ≈ 1.6e-38 is still a normal float.</summary>
    private const float UnderflowingLogit = -87f;

    /// <summary>
    /// Softmax cross-entropy on logits: loss = mean over rows of logsumexp(z) − z[label]. Writes
    /// the softmax probabilities to <paramref name="probabilities"/> and, when
    /// <paramref name="gradient"/> is not empty, (softmax − one-hot) / rows to it. With no
    /// <paramref name="labels"/> (and no gradient) it writes the probabilities only, and what it returns is no loss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SoftmaxCrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> probabilities, Span<float> gradient,
        int rows, int classes)
    {
        if (labels.IsEmpty && !gradient.IsEmpty)
        {
            throw new ArgumentException("Softmax cross-entropy's gradient needs the labels, but none were given.", nameof(labels));
        }

        return Vector512.IsHardwareAccelerated && classes <= Vector512<float>.Count && Apart(logits, probabilities, gradient)
            ? SoftmaxCrossEntropyByRow512(logits, labels, probabilities, gradient, rows, classes)
            : SoftmaxCrossEntropyScalar(logits, labels, probabilities, gradient, rows, classes);
    }

    /// <summary>
    /// The row-wise softmax of a rows×classes matrix of logits, bit for bit the probabilities that
    /// <see cref="SoftmaxCrossEntropy"/> writes for them: <c>Predict</c> and <c>ComputeLoss</c> agree exactly.
    /// </summary>
    internal static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities, int rows, int classes) =>
        SoftmaxCrossEntropy(logits, ReadOnlySpan<int>.Empty, probabilities, Span<float>.Empty, rows, classes);

    /// <summary><see cref="SoftmaxCrossEntropy"/> with scalar loops over each row's classes, for any class count and any machine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float SoftmaxCrossEntropyScalar(
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
        for (int r = 0; r < rows && !labels.IsEmpty; r++)
        {
            total -= p[(r * classes) + labels[r]];
        }

        // e^x is subnormal below x = −87.3: such logits get a probability of exactly 0, and the
        // exponentials are never subnormal. (A sum of exponentials is at least 1, the largest's.)
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] < UnderflowingLogit)
            {
                p[i] = float.NegativeInfinity;
            }
        }

        ExponentialsAsInAnyBatch(p);
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
                row[c] = Subnormals.Flush(row[c] * inverse);
            }

            if (!gradient.IsEmpty)
            {
                Span<float> g = gradient.Slice(r * classes, classes);
                for (int c = 0; c < g.Length; c++)
                {
                    g[c] = Subnormals.Flush(row[c] * scale);
                }

                g[labels[r]] -= scale;
            }
        }

        return (float)(total / rows);
    }

    /// <summary>
    /// e^x in place, with the same bits for a value whatever the length of the span: TensorPrimitives.Exp
    /// takes fewer than 4 values through the scalar MathF.Exp, which can differ from its vector
    /// polynomial in the last bit, and one sample of a 2- or 3-class model must be predicted as in a batch.
    /// </summary>
    private static void ExponentialsAsInAnyBatch(Span<float> values)
    {
        const int Smallest = 4;
        if (values.Length >= Smallest)
        {
            TensorPrimitives.Exp(values, values);
            return;
        }

        Span<float> padded = stackalloc float[Smallest];
        padded.Fill(float.NegativeInfinity);
        values.CopyTo(padded);
        TensorPrimitives.Exp(padded, padded);
        padded.Slice(0, values.Length).CopyTo(values);
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
                gradient[i] = Subnormals.Flush((p - t) * scale);
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
                gradient[i] = Subnormals.Flush(d * scale);
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
                gradient[i] = Sign(d) * scale;
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
                gradient[i] = Subnormals.Flush((quadratic ? d : delta * Sign(d)) * scale);
            }
        }

        return (float)(total / count);
    }

    /// <summary>
    /// −1, 0 or 1, and NaN for NaN: <see cref="MathF.Sign(float)"/> throws on NaN, and a diverging
    /// model must reach the trainer's NaN guard, not stop with an <see cref="ArithmeticException"/>.
    /// </summary>
    private static float Sign(float d) => d > 0f ? 1f : d < 0f ? -1f : float.IsNaN(d) ? d : 0f;
}
