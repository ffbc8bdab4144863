using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gen.Kernels;

/// <summary>
/// The matrix product behind every dense layer, register-blocked for <see cref="Vector512"/> and
/// <see cref="Vector256"/>. Called by generated code with compile-time constant sizes.
/// </summary>
/// <remarks>
/// <para>
/// C[m×n] += A·B where B is row-major k×n, C row-major m×n, and A is read through two strides,
/// A(i, p) = a[i·rowStride + p·columnStride], so that the same kernel computes X·W (A = X) and
/// Xᵀ·dY (A = Xᵀ, read in place without a transpose).
/// </para>
/// <para>
/// Every micro-kernel keeps a tile of C in registers and, for each step of k, broadcasts one value
/// of A per tile row and fuses it with the tile's vectors of B. The tiles are chosen so that the
/// FMAs in flight cover the FMA latency on both pipes and no register spills: with AVX-512's 32
/// registers 4 rows × 4 vectors (64 columns) or 8 rows × 1 vector (16 columns); with AVX2's 16,
/// 6 rows × 2 vectors. Columns that fill no whole tile width (the 10 logits of a classifier) are
/// copied into a zero-padded panel of one tile width, so they run on the same tiles instead of a
/// scalar loop; only the scalar fallback, for machines without SIMD, works column by column.
/// </para>
/// <para>
/// The tiles skip the steps of k at which all their rows of A are zero, and the one-row kernels a
/// row's own zeros, exactly (see MatrixMultiply.Steps.cs): an MNIST digit is about 80 % background,
/// so on a batch of digits X·W runs 39 % of its steps and Xᵀ·dZ 28 %.
/// </para>
/// <para>
/// Every kernel with a loop that a training step runs (here and in the other kernel classes) is
/// marked <see cref="MethodImplOptions.AggressiveOptimization"/>: tiered compilation would first
/// run it unoptimized, without inlining its vector helpers, and the MNIST sample, whose ten epochs
/// take about a quarter of a second, ran most of them that way (52–108 ms per epoch on average,
/// against 26–29 ms with the kernels optimized from the start).
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class MatrixMultiply
{
    /// <summary>The rows of B read by one pass of the tiles: 128 rows of a 16-float (AVX2) or 64-float (AVX-512) panel fit L1.</summary>
    private const int KBlock = 128;

    /// <summary>The widest vectors this machine accelerates; the JIT folds this to a constant.</summary>
    internal static VectorWidth BestWidth =>
        Vector512.IsHardwareAccelerated ? VectorWidth.Vector512 :
        Vector256.IsHardwareAccelerated ? VectorWidth.Vector256 :
        VectorWidth.Scalar;

    /// <summary>C = A·B (or C += A·B when <paramref name="accumulate"/>).</summary>
    public static void Multiply(
        ReadOnlySpan<float> a, int rowStride, int columnStride,
        ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate) =>
        Multiply(a, rowStride, columnStride, b, c, m, k, n, accumulate, BestWidth);

    /// <summary>
    /// The product on the kernels of one vector width, so that tests can check every path the
    /// machine can run (an AVX-512 machine also runs the AVX2 and scalar kernels); and with
    /// <paramref name="skipZeroSteps"/> false, with tiles that run every step, so that tests and
    /// benchmarks can set the skipping of zero steps beside the product without it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply(
        ReadOnlySpan<float> a, int rowStride, int columnStride,
        ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, VectorWidth width, bool skipZeroSteps = true)
    {
        // One bounds check per call instead of one per element: the loops below read through refs.
        long lastA = ((long)(m - 1) * rowStride) + ((long)(k - 1) * columnStride);
        if (m <= 0 || k <= 0 || n <= 0 || lastA >= a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
        {
            ThrowSizes(m, k, n, a.Length, b.Length, c.Length);
        }

        if ((width == VectorWidth.Vector512 && !Vector512.IsHardwareAccelerated) || (width == VectorWidth.Vector256 && !Vector256.IsHardwareAccelerated))
        {
            throw new PlatformNotSupportedException($"{width} kernels need hardware support that this machine lacks.");
        }

        // The vector kernels write every element of C once per block of k: the first block's tiles
        // store their sums plus +0 instead of adding them to C, so C = A·B needs no pass to clear C
        // first (400 KB for the MNIST model's weight gradient). The +0 keeps the bits of adding to a
        // cleared C: a sum that underflows to −0 (an FMA rounds a tiny negative product to −0) becomes +0.
        if (!accumulate && width == VectorWidth.Scalar)
        {
            c.Slice(0, m * n).Clear();
        }

        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);

        // Blocks of k keep the panel of B that a column block reads (KBlock rows) in the L1 cache
        // while every row tile of A passes over it; the tiles add into C, so blocks simply accumulate.
        for (int kb = 0; kb < k; kb += KBlock)
        {
            int kc = Math.Min(KBlock, k - kb);
            ref float ak = ref Unsafe.Add(ref ra, kb * columnStride);
            ref float bk = ref Unsafe.Add(ref rb, kb * n);
            bool store = kb == 0 && !accumulate;
            switch (width)
            {
                case VectorWidth.Vector512:
                    MultiplyBlock512(ref ak, rowStride, columnStride, ref bk, ref rc, m, kc, n, store, skipZeroSteps);
                    break;
                case VectorWidth.Vector256:
                    MultiplyBlock256(ref ak, rowStride, columnStride, ref bk, ref rc, m, kc, n, store, skipZeroSteps);
                    break;
                default:
                    ScalarColumns(ref ak, rowStride, columnStride, ref bk, ref rc, m, kc, n, 0);
                    break;
            }
        }
    }

    /// <summary>
    /// Copies columns [from, n) of a k-row block of B into <paramref name="panel"/>, k rows of
    /// <paramref name="width"/> (16) floats with zeros past the copied columns: the padded lanes
    /// multiply into accumulator lanes that are never stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackNarrowPanel(ref float b, int k, int n, int from, Span<float> panel, int width)
    {
        panel = panel.Slice(0, k * width);
        ref float rp = ref MemoryMarshal.GetReference(panel);
        int columns = n - from;
        int p = 0;
        if (width == 16 && (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated))
        {
            // A row's 16 floats are read whole and its columns past the narrow ones masked to zero;
            // only rows whose 16 floats end inside the block are read so (the last few are copied one
            // by one below), so nothing past the block of B is read.
            int lastStart = (k * n) - from - width; // the last offset a whole 16-float read may start at
            int wholeRows = lastStart < 0 ? 0 : Math.Min(k, (lastStart / n) + 1);
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<float> keep = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(columns)).AsSingle();
                for (; p < wholeRows; p++)
                {
                    (Vector512.LoadUnsafe(ref b, (nuint)((p * n) + from)) & keep).StoreUnsafe(ref rp, (nuint)(p * width));
                }
            }
            else
            {
                Vector256<float> keepLow = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(columns)).AsSingle();
                Vector256<float> keepHigh = Vector256.LessThan(Vector256<int>.Indices + Vector256.Create(8), Vector256.Create(columns)).AsSingle();
                for (; p < wholeRows; p++)
                {
                    ref float row = ref Unsafe.Add(ref b, (p * n) + from);
                    (Vector256.LoadUnsafe(ref row) & keepLow).StoreUnsafe(ref rp, (nuint)(p * width));
                    (Vector256.LoadUnsafe(ref row, 8) & keepHigh).StoreUnsafe(ref rp, (nuint)((p * width) + 8));
                }
            }
        }

        for (; p < k; p++)
        {
            ref float source = ref Unsafe.Add(ref b, (p * n) + from);
            ref float destination = ref Unsafe.Add(ref rp, p * width);
            int q = 0;
            for (; q < columns; q++)
            {
                Unsafe.Add(ref destination, q) = Unsafe.Add(ref source, q);
            }

            for (; q < width; q++)
            {
                Unsafe.Add(ref destination, q) = 0f;
            }
        }
    }

    /// <summary>Adds (or with <paramref name="store"/> writes) the first columns of a rows × width scratch tile into C at (i, from).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddNarrowTile(ReadOnlySpan<float> tile, int width, ref float c, int n, int i, int rows, int from, bool store)
    {
        int columns = n - from;
        for (int r = 0; r < rows; r++)
        {
            ref float ci = ref Unsafe.Add(ref c, ((i + r) * n) + from);
            ReadOnlySpan<float> source = tile.Slice(r * width, columns);
            for (int q = 0; q < source.Length; q++)
            {
                // + 0f: a stored −0 becomes +0, as when added to a cleared C.
                Unsafe.Add(ref ci, q) = store ? source[q] + 0f : Unsafe.Add(ref ci, q) + source[q];
            }
        }
    }

    /// <summary>
    /// Columns [from, n) as dot products of a row of A with a column of B, with four independent
    /// partial sums so the FMAs overlap instead of waiting on each other. Only the scalar path uses it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarColumns(ref float a, int rs, int cs, ref float b, ref float c, int m, int k, int n, int from)
    {
        for (int i = 0; i < m; i++)
        {
            ref float ai = ref Unsafe.Add(ref a, i * rs);
            ref float ci = ref Unsafe.Add(ref c, i * n);
            for (int j = from; j < n; j++)
            {
                ref float bj = ref Unsafe.Add(ref b, j);
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int p = 0;
                for (; p + 4 <= k; p += 4)
                {
                    s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref ai, p * cs), Unsafe.Add(ref bj, p * n), s0);
                    s1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref ai, (p + 1) * cs), Unsafe.Add(ref bj, (p + 1) * n), s1);
                    s2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref ai, (p + 2) * cs), Unsafe.Add(ref bj, (p + 2) * n), s2);
                    s3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref ai, (p + 3) * cs), Unsafe.Add(ref bj, (p + 3) * n), s3);
                }

                for (; p < k; p++)
                {
                    s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref ai, p * cs), Unsafe.Add(ref bj, p * n), s0);
                }

                Unsafe.Add(ref ci, j) += (s0 + s1) + (s2 + s3);
            }
        }
    }

    private static void ThrowSizes(int m, int k, int n, int a, int b, int c) =>
        throw new ArgumentException(
            $"A {m}×{k} by {k}×{n} product does not fit the buffers given (A holds {a} floats, B {b}, C {c}).");
}

/// <summary>Which kernels <see cref="MatrixMultiply"/> runs.</summary>
internal enum VectorWidth
{
    /// <summary>Scalar dot products: machines without SIMD.</summary>
    Scalar,

    /// <summary>AVX2 (or any 256-bit SIMD): 6 × 16 tiles.</summary>
    Vector256,

    /// <summary>AVX-512: 4 × 64 and 8 × 16 tiles.</summary>
    Vector512,
}
