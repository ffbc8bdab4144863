using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Gen.Kernels;

/// <summary>
/// The three products of a dense layer and its bias terms. Weights are stored row-major as
/// [inputs × units], so the forward pass is X·W with the output dimension contiguous for SIMD.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernels
{
    /// <summary>Y[rows×units] = X[rows×inputs] · W[inputs×units] + b.</summary>
    public static void Forward(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias,
        Span<float> outputs, int rows, int inputCount, int units)
    {
        FillRowsWithBias(bias, outputs, rows, units);
        MatrixMultiply.Multiply(inputs, inputCount, 1, weights, outputs, rows, inputCount, units, accumulate: true);
    }

    /// <summary>Every one of <paramref name="rows"/> rows of <paramref name="outputs"/> = b, for a product to add to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FillRowsWithBias(ReadOnlySpan<float> bias, Span<float> outputs, int rows, int units)
    {
        for (int r = 0; r < rows; r++)
        {
            bias.Slice(0, units).CopyTo(outputs.Slice(r * units, units));
        }
    }

    /// <summary>Z[rows×units] = X[rows×inputs] · W[inputs×units], for a layer without bias (batch normalization follows).</summary>
    public static void ForwardWithoutBias(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, Span<float> outputs, int rows, int inputCount, int units) =>
        MatrixMultiply.Multiply(inputs, inputCount, 1, weights, outputs, rows, inputCount, units, accumulate: false);

    /// <summary>dW[inputs×units] = Xᵀ · dZ, reading X transposed in place.</summary>
    public static void WeightGradient(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient, Span<float> weightGradient,
        int rows, int inputCount, int units)
    {
        MatrixMultiply.Multiply(inputs, 1, inputCount, outputGradient, weightGradient, inputCount, rows, units, accumulate: false);
    }

    /// <summary>db[units] = the sum of dZ's rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BiasGradient(ReadOnlySpan<float> outputGradient, Span<float> biasGradient, int rows, int units)
    {
        Span<float> sum = biasGradient.Slice(0, units);
        ReadOnlySpan<float> gradient = outputGradient.Slice(0, rows * units);
        ref float g = ref MemoryMarshal.GetReference(gradient);

        // One vector of columns at a time, summed down the rows in a register: one pass over the
        // gradient with no store per row.
        int j = 0;
        for (; j + Vector<float>.Count <= units; j += Vector<float>.Count)
        {
            Vector<float> total = Vector<float>.Zero;
            for (int r = 0; r < rows; r++)
            {
                total += Vector.LoadUnsafe(ref g, (nuint)((r * units) + j));
            }

            total.CopyTo(sum.Slice(j));
        }

        for (; j < units; j++)
        {
            float total = 0;
            for (int r = 0; r < rows; r++)
            {
                total += Unsafe.Add(ref g, (r * units) + j);
            }

            sum[j] = total;
        }
    }

    /// <summary>
    /// dX[rows×inputs] = dZ · Wᵀ. W is first transposed into <paramref name="transposed"/>
    /// ([units×inputs], a cost of one pass over W against rows passes for the product) so that
    /// the product runs on the same register-blocked kernel with contiguous rows.
    /// </summary>
    public static void InputGradient(
        ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> weights, Span<float> transposed,
        Span<float> inputGradient, int rows, int inputCount, int units)
    {
        Transpose(weights, transposed, inputCount, units);
        MatrixMultiply.Multiply(outputGradient, units, 1, transposed, inputGradient, rows, units, inputCount, accumulate: false);
    }

    /// <summary>
    /// Copies columns [<paramref name="from"/>, <paramref name="to"/>) of the given samples (rows of
    /// <paramref name="width"/> floats of <paramref name="source"/>) into consecutive rows of
    /// <paramref name="destination"/>: the gather of a mini-batch, whole or a column range of it.
    /// </summary>
    /// <remarks>
    /// A shuffled epoch reads its samples in random order from a training set larger than the
    /// caches, so each row starts with a wait on memory. The rows <see cref="GatherPrefetchDistance"/>
    /// ahead are requested while the current one is copied, so those waits overlap.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> samples, Span<float> destination, int from, int to) =>
        Gather(source, width, samples, destination, from, to, 0, samples.Length);

    /// <summary>
    /// The gather of rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rowCount"/>)
    /// of the batch only, for threads that share a gather a few rows at a time: the prefetches reach
    /// into the rows after them, which the same thread is likely to copy next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> samples, Span<float> destination, int from, int to, int firstRow, int rowCount)
    {
        int count = to - from;
        int end = firstRow + rowCount;
        _ = samples.Slice(firstRow, rowCount);
        fixed (float* start = source)
        {
            for (int r = firstRow; r < end; r++)
            {
                if (r + GatherPrefetchDistance < samples.Length)
                {
                    Prefetch(start, source.Length, ((long)samples[r + GatherPrefetchDistance] * width) + from, count);
                }

                source.Slice((samples[r] * width) + from, count).CopyTo(destination.Slice((r * width) + from, count));
            }
        }
    }

    /// <summary>
    /// How many rows ahead a gather requests, into the L2 cache: for MNIST's 3 KB rows on a Zen 4
    /// core, 3 to 6 rows gave 24–31 µs per 64-row batch, against 39–43 µs for 2 rows into L1 (the
    /// L1's few miss buffers were full of prefetches) and 48 µs without prefetching.
    /// </summary>
    private const int GatherPrefetchDistance = 4;

    /// <summary>Asks the L2 cache for the lines of source[offset, offset + count) if they lie inside the source; a hint, which never faults.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Prefetch(float* source, int length, long offset, int count)
    {
        if (!Sse.IsSupported || offset < 0 || offset + count > length)
        {
            return;
        }

        byte* end = (byte*)(source + offset + count);
        for (byte* line = (byte*)((nint)(source + offset) & ~(nint)63); line < end; line += 64)
        {
            Sse.Prefetch1(line);
        }
    }

    /// <summary>destination[c×r] = source[r×c]ᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rowCount, int columnCount)
    {
        source = source.Slice(0, rowCount * columnCount);
        destination = destination.Slice(0, rowCount * columnCount);
        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<float> row = source.Slice(r * columnCount, columnCount);
            for (int c = 0; c < row.Length; c++)
            {
                destination[(c * rowCount) + r] = row[c];
            }
        }
    }
}
