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
/// C[m×n] += A·B where B is row-major k×n, C row-major m×n, and A is read through two strides,
/// A(i, p) = a[i·rowStride + p·columnStride], so that the same kernel computes X·W (A = X) and
/// Xᵀ·dY (A = Xᵀ, read in place without a transpose). With AVX-512 (32 registers) the micro-kernel
/// keeps a 4-row × 4-vector tile of C in 16 registers and, for each step of k, broadcasts 4 values
/// of A and fuses them with 4 vectors of B: 16 FMAs per 4 loads. With AVX2 (16 registers) the tile
/// is 6 rows × 2 vectors: 12 FMAs per 2 loads and 6 broadcasts, with no register spilled.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MatrixMultiply
{
    /// <summary>C = A·B (or C += A·B when <paramref name="accumulate"/>).</summary>
    public static void Multiply(
        ReadOnlySpan<float> a, int rowStride, int columnStride,
        ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        // One bounds check per call instead of one per element: the loops below read through refs.
        long lastA = ((long)(m - 1) * rowStride) + ((long)(k - 1) * columnStride);
        if (m <= 0 || k <= 0 || n <= 0 || lastA >= a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
        {
            ThrowSizes(m, k, n, a.Length, b.Length, c.Length);
        }

        if (!accumulate)
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
            MultiplyBlock(ref Unsafe.Add(ref ra, kb * columnStride), rowStride, columnStride, ref Unsafe.Add(ref rb, kb * n), ref rc, m, kc, n);
        }
    }

    /// <summary>The rows of B read by one pass of the tiles: 128 rows of a 16-float (AVX2) or 64-float (AVX-512) panel fit L1.</summary>
    private const int KBlock = 128;

    private static void MultiplyBlock(ref float ra, int rowStride, int columnStride, ref float rb, ref float rc, int m, int k, int n)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 64 <= n; j += 64)
            {
                int i = 0;
                for (; i + 4 <= m; i += 4)
                {
                    Tile512x4x4(ref ra, rowStride, columnStride, ref rb, ref rc, i, j, k, n);
                }

                for (; i < m; i++)
                {
                    Row512x4(ref ra, rowStride, columnStride, ref rb, ref rc, i, j, k, n);
                }
            }

            for (; j + 16 <= n; j += 16)
            {
                for (int i = 0; i < m; i++)
                {
                    Row512x1(ref ra, rowStride, columnStride, ref rb, ref rc, i, j, k, n);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            // AVX2 has 16 vector registers: a 6-row × 2-vector tile keeps 12 accumulators, 2 vectors
            // of B and 1 broadcast in registers (the classic 6×16 kernel); a 4×4 tile would spill.
            for (; j + 16 <= n; j += 16)
            {
                int i = 0;
                for (; i + 6 <= m; i += 6)
                {
                    Tile256x6x2(ref ra, rowStride, columnStride, ref rb, ref rc, i, j, k, n);
                }

                for (; i < m; i++)
                {
                    Row256x2(ref ra, rowStride, columnStride, ref rb, ref rc, i, j, k, n);
                }
            }

            for (; j + 8 <= n; j += 8)
            {
                for (int i = 0; i < m; i++)
                {
                    Row256x1(ref ra, rowStride, columnStride, ref rb, ref rc, i, j, k, n);
                }
            }
        }

        if (j < n)
        {
            ScalarColumns(ref ra, rowStride, columnStride, ref rb, ref rc, m, k, n, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512x4x4(ref float a, int rs, int cs, ref float b, ref float c, int i, int j, int k, int n)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        ref float a0 = ref Unsafe.Add(ref a, i * rs);
        ref float a1 = ref Unsafe.Add(ref a0, rs);
        ref float a2 = ref Unsafe.Add(ref a1, rs);
        ref float a3 = ref Unsafe.Add(ref a2, rs);
        ref float bj = ref Unsafe.Add(ref b, j);
        for (int p = 0; p < k; p++)
        {
            ref float bp = ref Unsafe.Add(ref bj, p * n);
            Vector512<float> b0 = Vector512.LoadUnsafe(ref bp);
            Vector512<float> b1 = Vector512.LoadUnsafe(ref bp, 16);
            Vector512<float> b2 = Vector512.LoadUnsafe(ref bp, 32);
            Vector512<float> b3 = Vector512.LoadUnsafe(ref bp, 48);
            int ap = p * cs;
            Vector512<float> x = Vector512.Create(Unsafe.Add(ref a0, ap));
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(x, b2, c02);
            c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            x = Vector512.Create(Unsafe.Add(ref a1, ap));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(x, b2, c12);
            c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            x = Vector512.Create(Unsafe.Add(ref a2, ap));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(x, b2, c22);
            c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            x = Vector512.Create(Unsafe.Add(ref a3, ap));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(x, b2, c32);
            c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
        }

        AddRow512(ref Unsafe.Add(ref c, (i * n) + j), c00, c01, c02, c03);
        AddRow512(ref Unsafe.Add(ref c, ((i + 1) * n) + j), c10, c11, c12, c13);
        AddRow512(ref Unsafe.Add(ref c, ((i + 2) * n) + j), c20, c21, c22, c23);
        AddRow512(ref Unsafe.Add(ref c, ((i + 3) * n) + j), c30, c31, c32, c33);
    }

    private static void Row512x4(ref float a, int rs, int cs, ref float b, ref float c, int i, int j, int k, int n)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        ref float ai = ref Unsafe.Add(ref a, i * rs);
        ref float bj = ref Unsafe.Add(ref b, j);
        for (int p = 0; p < k; p++)
        {
            ref float bp = ref Unsafe.Add(ref bj, p * n);
            Vector512<float> x = Vector512.Create(Unsafe.Add(ref ai, p * cs));
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 16), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 32), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 48), c3);
        }

        AddRow512(ref Unsafe.Add(ref c, (i * n) + j), c0, c1, c2, c3);
    }

    private static void Row512x1(ref float a, int rs, int cs, ref float b, ref float c, int i, int j, int k, int n)
    {
        Vector512<float> c0 = default;
        ref float ai = ref Unsafe.Add(ref a, i * rs);
        ref float bj = ref Unsafe.Add(ref b, j);
        for (int p = 0; p < k; p++)
        {
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ai, p * cs)), Vector512.LoadUnsafe(ref Unsafe.Add(ref bj, p * n)), c0);
        }

        ref float ci = ref Unsafe.Add(ref c, (i * n) + j);
        (Vector512.LoadUnsafe(ref ci) + c0).StoreUnsafe(ref ci);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow512(ref float row, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        (Vector512.LoadUnsafe(ref row) + v0).StoreUnsafe(ref row);
        (Vector512.LoadUnsafe(ref row, 16) + v1).StoreUnsafe(ref row, 16);
        (Vector512.LoadUnsafe(ref row, 32) + v2).StoreUnsafe(ref row, 32);
        (Vector512.LoadUnsafe(ref row, 48) + v3).StoreUnsafe(ref row, 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile256x6x2(ref float a, int rs, int cs, ref float b, ref float c, int i, int j, int k, int n)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ref float a0 = ref Unsafe.Add(ref a, i * rs);
        ref float bj = ref Unsafe.Add(ref b, j);
        nint r1 = rs, r2 = 2 * (nint)rs, r3 = 3 * (nint)rs, r4 = 4 * (nint)rs, r5 = 5 * (nint)rs;
        for (int p = 0; p < k; p++)
        {
            ref float bp = ref Unsafe.Add(ref bj, p * n);
            Vector256<float> b0 = Vector256.LoadUnsafe(ref bp);
            Vector256<float> b1 = Vector256.LoadUnsafe(ref bp, 8);
            ref float ap = ref Unsafe.Add(ref a0, p * cs);
            Vector256<float> x = Vector256.Create(ap);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref ap, r1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref ap, r2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref ap, r3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref ap, r4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref ap, r5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
        }

        AddRow256(ref Unsafe.Add(ref c, (i * n) + j), c00, c01);
        AddRow256(ref Unsafe.Add(ref c, ((i + 1) * n) + j), c10, c11);
        AddRow256(ref Unsafe.Add(ref c, ((i + 2) * n) + j), c20, c21);
        AddRow256(ref Unsafe.Add(ref c, ((i + 3) * n) + j), c30, c31);
        AddRow256(ref Unsafe.Add(ref c, ((i + 4) * n) + j), c40, c41);
        AddRow256(ref Unsafe.Add(ref c, ((i + 5) * n) + j), c50, c51);
    }

    private static void Row256x2(ref float a, int rs, int cs, ref float b, ref float c, int i, int j, int k, int n)
    {
        Vector256<float> c0 = default, c1 = default;
        ref float ai = ref Unsafe.Add(ref a, i * rs);
        ref float bj = ref Unsafe.Add(ref b, j);
        for (int p = 0; p < k; p++)
        {
            ref float bp = ref Unsafe.Add(ref bj, p * n);
            Vector256<float> x = Vector256.Create(Unsafe.Add(ref ai, p * cs));
            c0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp), c0);
            c1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp, 8), c1);
        }

        AddRow256(ref Unsafe.Add(ref c, (i * n) + j), c0, c1);
    }

    private static void Row256x1(ref float a, int rs, int cs, ref float b, ref float c, int i, int j, int k, int n)
    {
        // Two accumulators for even and odd steps of k: one alone would wait on its own FMA latency.
        Vector256<float> c0 = default, c1 = default;
        ref float ai = ref Unsafe.Add(ref a, i * rs);
        ref float bj = ref Unsafe.Add(ref b, j);
        int p = 0;
        for (; p + 2 <= k; p += 2)
        {
            c0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ai, p * cs)), Vector256.LoadUnsafe(ref Unsafe.Add(ref bj, p * n)), c0);
            c1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ai, (p + 1) * cs)), Vector256.LoadUnsafe(ref Unsafe.Add(ref bj, (p + 1) * n)), c1);
        }

        if (p < k)
        {
            c0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref ai, p * cs)), Vector256.LoadUnsafe(ref Unsafe.Add(ref bj, p * n)), c0);
        }

        ref float ci = ref Unsafe.Add(ref c, (i * n) + j);
        (Vector256.LoadUnsafe(ref ci) + (c0 + c1)).StoreUnsafe(ref ci);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow256(ref float row, Vector256<float> v0, Vector256<float> v1)
    {
        (Vector256.LoadUnsafe(ref row) + v0).StoreUnsafe(ref row);
        (Vector256.LoadUnsafe(ref row, 8) + v1).StoreUnsafe(ref row, 8);
    }

    /// <summary>
    /// Columns [from, n) that fill no vector, as dot products of a row of A with a column of B, with
    /// four independent partial sums so the FMAs overlap instead of waiting on each other.
    /// </summary>
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
