using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gen.Kernels;

// Softmax cross-entropy with a row of logits in one AVX-512 register: a classifier's handful of
// classes (MNIST's 10) is too few for a vectorized pass along a row, and the scalar loops over each
// row's classes and TensorPrimitives.Exp took 3.8 µs of a 64-row MNIST step (about 5 % of it).
public static partial class LossKernels
{
    /// <summary>
    /// <see cref="SoftmaxCrossEntropy"/> for at most 16 classes: each row's logits are one vector,
    /// its maximum, exponentials, sum and normalized probabilities computed across the lanes.
    /// </summary>
    /// <remarks>
    /// Lanes past the row's classes hold −∞ and contribute e^−∞ = 0. A row whose 16 lanes would
    /// run past the end of a buffer goes through a 16-float copy, so nothing outside the spans is
    /// read or written. The exponential is <see cref="Exponential.Exp"/>, within about an ulp of
    /// TensorPrimitives.Exp's, and the sum across lanes adds in another order than the scalar loop,
    /// so a probability can differ from the scalar path's by a few ulps.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // the spill row is written before it is read
    internal static float SoftmaxCrossEntropyByRow512(
        ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> probabilities, Span<float> gradient,
        int rows, int classes)
    {
        const int Lanes = 16;
        logits = logits.Slice(0, rows * classes);
        bool withLoss = !labels.IsEmpty;
        if (withLoss)
        {
            labels = labels.Slice(0, rows);
        }

        probabilities = probabilities.Slice(0, rows * classes);
        bool withGradient = !gradient.IsEmpty;
        if (withGradient)
        {
            gradient = gradient.Slice(0, rows * classes);
        }

        Span<float> spill = stackalloc float[Lanes];
        Vector512<float> inClass = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(classes)).AsSingle();
        Vector512<float> negativeInfinity = Vector512.Create(float.NegativeInfinity);
        Vector512<float> underflowing = Vector512.Create(UnderflowingLogit);
        Vector512<float> scale = Vector512.Create(1f / rows);
        ref float z = ref MemoryMarshal.GetReference(logits);
        double total = 0;
        double sums = 1;
        for (int r = 0; r < rows; r++)
        {
            int at = r * classes;
            bool whole = at + Lanes <= logits.Length;
            Vector512<float> row;
            if (whole)
            {
                row = Vector512.LoadUnsafe(ref z, (nuint)at);
            }
            else
            {
                logits.Slice(at, classes).CopyTo(spill);
                row = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(spill));
            }

            row = Vector512.ConditionalSelect(inClass, row, negativeInfinity);
            Vector512<float> shifted = row - Vector512.Create(Maximum(row));
            int label = withLoss ? labels[r] : 0;
            if (withLoss)
            {
                total -= shifted.GetElement(label);
            }

            // e^x is subnormal below x = −87.3: such logits get a probability of exactly 0, and the
            // exponentials are never subnormal. (A sum of exponentials is at least 1, the largest's.)
            shifted = Vector512.ConditionalSelect(Vector512.LessThan(shifted, underflowing), negativeInfinity, shifted);
            Vector512<float> exponentials = Exponential.Exp(shifted);
            float sum = Vector512.Sum(exponentials);

            // The logarithms of the sums, each in [1, 16], are added as one logarithm of their
            // product: in double, 64 rows' product stays below 16⁶⁴ ≈ 1e77, and it is taken every 64 rows.
            sums *= sum;
            if ((r & 63) == 63)
            {
                total += Math.Log(sums);
                sums = 1;
            }

            Vector512<float> p = Subnormals.Flush(exponentials * Vector512.Create(1f / sum));
            Store(p, probabilities, at, classes, whole, spill);
            if (withGradient)
            {
                Vector512<float> g = Subnormals.Flush(p * scale);
                g -= Vector512.ConditionalSelect(Vector512.Equals(Vector512<int>.Indices, Vector512.Create(label)).AsSingle(), scale, Vector512<float>.Zero);
                Store(g, gradient, at, classes, whole, spill); // the gradient is as long as the logits
            }
        }

        return (float)((total + Math.Log(sums)) / rows);
    }

    /// <summary>The largest lane, NaN if any lane is NaN (as <see cref="MathF.Max(float, float)"/> folds it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Maximum(Vector512<float> row)
    {
        Vector256<float> half = Vector256.Max(row.GetLower(), row.GetUpper());
        Vector128<float> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        quarter = Vector128.Max(quarter, Vector128.Shuffle(quarter, Vector128.Create(2, 3, 0, 1)));
        quarter = Vector128.Max(quarter, Vector128.Shuffle(quarter, Vector128.Create(1, 0, 3, 2)));
        return quarter.ToScalar();
    }

    /// <summary>
    /// Writes the first <paramref name="classes"/> lanes at <paramref name="at"/>: as a whole vector when it
    /// fits the span (its other lanes land on the next rows, which are written after), else through the spill row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> values, Span<float> destination, int at, int classes, bool whole, Span<float> spill)
    {
        if (whole)
        {
            values.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)at);
        }
        else
        {
            values.StoreUnsafe(ref MemoryMarshal.GetReference(spill));
            spill.Slice(0, classes).CopyTo(destination.Slice(at, classes));
        }
    }

    /// <summary>
    /// Whether the logits share no memory with the outputs: the vector path writes whole vectors past
    /// a row, over the next rows' places, which must not be logits still to be read.
    /// </summary>
    private static bool Apart(ReadOnlySpan<float> logits, Span<float> probabilities, Span<float> gradient) =>
        !logits.Overlaps(probabilities) && !logits.Overlaps(gradient);
}
