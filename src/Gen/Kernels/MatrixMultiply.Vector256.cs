using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gen.Kernels;

// The AVX2 kernels, with the same conventions as the AVX-512 ones. AVX2 has 16 vector registers:
// a 6-row × 2-vector tile keeps 12 accumulators, 2 vectors of B and 1 broadcast in registers (the
// classic 6×16 kernel); a 4×4 tile would spill.
public static partial class MatrixMultiply
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // the step lists are written before they are read
    private static void MultiplyBlock256(ref float a, int rs, int cs, ref float b, ref float c, int m, int k, int n, bool store, bool skip)
    {
        int tiledRows = m - (m % 6);
        int j = n - (n % 16);
        if (j > 0 && tiledRows > 0)
        {
            // As with AVX-512: each tile's steps are listed once per pass and used by every
            // 16-column block.
            Span<byte> steps = stackalloc byte[TilesPerPass * KBlock];
            Span<int> counts = stackalloc int[TilesPerPass];
            ref byte lists = ref MemoryMarshal.GetReference(steps);
            for (int i0 = 0; i0 < tiledRows; i0 += 6 * TilesPerPass)
            {
                int tiles = Math.Min(TilesPerPass, (tiledRows - i0) / 6);
                for (int t = 0; t < tiles; t++)
                {
                    counts[t] = skip ? NonZeroSteps(ref Unsafe.Add(ref a, (i0 + (6 * t)) * rs), rs, cs, 6, k, ref Unsafe.Add(ref lists, t * KBlock)) : k;
                }

                for (int jc = 0; jc < j; jc += 16)
                {
                    for (int t = 0; t < tiles; t++)
                    {
                        int i = i0 + (6 * t);
                        ref float at = ref Unsafe.Add(ref a, i * rs);
                        ref float bt = ref Unsafe.Add(ref b, jc);
                        ref float ct = ref Unsafe.Add(ref c, (i * n) + jc);
                        ref byte list = ref Unsafe.Add(ref lists, t * KBlock);
                        if (counts[t] == k)
                        {
                            Tile256x6x2<EveryStep>(ref at, rs, cs, ref bt, n, ref ct, n, ref list, k, store);
                        }
                        else
                        {
                            Tile256x6x2<ListedSteps>(ref at, rs, cs, ref bt, n, ref ct, n, ref list, counts[t], store);
                        }
                    }
                }
            }
        }

        for (int i = tiledRows; i < m; i++)
        {
            for (int jc = 0; jc < j; jc += 16)
            {
                Row256x2(ref Unsafe.Add(ref a, i * rs), cs, ref Unsafe.Add(ref b, jc), n, ref Unsafe.Add(ref c, (i * n) + jc), k, store);
            }
        }

        if (j < n)
        {
            Narrow256(ref a, rs, cs, ref b, ref c, m, k, n, j, store, skip);
        }
    }

    /// <summary>Columns [from, n), fewer than 16, on the 6 × 16 tile over a zero-padded copy of B's columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // the panel, tile and step list are written before they are read
    private static void Narrow256(ref float a, int rs, int cs, ref float b, ref float c, int m, int k, int n, int from, bool store, bool skip)
    {
        const int Width = 16;
        Span<float> panel = stackalloc float[KBlock * Width];
        Span<float> tile = stackalloc float[6 * Width];
        Span<byte> steps = stackalloc byte[KBlock];
        PackNarrowPanel(ref b, k, n, from, panel, Width);
        ref float rp = ref MemoryMarshal.GetReference(panel);
        ref float rt = ref MemoryMarshal.GetReference(tile);
        int i = 0;
        for (; i + 6 <= m; i += 6)
        {
            ref float ai = ref Unsafe.Add(ref a, i * rs);
            int count = skip ? NonZeroSteps(ref ai, rs, cs, 6, k, ref MemoryMarshal.GetReference(steps)) : k;
            if (count == k)
            {
                Tile256x6x2<EveryStep>(ref ai, rs, cs, ref rp, Width, ref rt, Width, ref MemoryMarshal.GetReference(steps), k, store: true);
            }
            else
            {
                Tile256x6x2<ListedSteps>(ref ai, rs, cs, ref rp, Width, ref rt, Width, ref MemoryMarshal.GetReference(steps), count, store: true);
            }

            AddNarrowTile(tile, Width, ref c, n, i, 6, from, store);
        }

        for (; i < m; i++)
        {
            Row256x2(ref Unsafe.Add(ref a, i * rs), cs, ref rp, Width, ref rt, k, store: true);
            AddNarrowTile(tile, Width, ref c, n, i, 1, from, store);
        }
    }

    /// <summary>
    /// 6 rows × 16 columns in 12 registers, over every step or the <paramref name="count"/> steps
    /// listed in <paramref name="steps"/> (see <see cref="NonZeroSteps"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile256x6x2<TSteps>(ref float a, int rs, int cs, ref float b, int bn, ref float c, int cn, ref byte steps, int count, bool store)
        where TSteps : struct, IStepSource
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        nint r1 = rs, r2 = 2 * (nint)rs, r3 = 3 * (nint)rs, r4 = 4 * (nint)rs, r5 = 5 * (nint)rs;
        for (int s = 0; s < count; s++)
        {
            int p = TSteps.Step(ref steps, s);
            ref float bp = ref Unsafe.Add(ref b, p * bn);
            Vector256<float> b0 = Vector256.LoadUnsafe(ref bp);
            Vector256<float> b1 = Vector256.LoadUnsafe(ref bp, 8);
            ref float ap = ref Unsafe.Add(ref a, p * cs);
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

        WriteRow256(store, ref c, c00, c01);
        WriteRow256(store, ref Unsafe.Add(ref c, cn), c10, c11);
        WriteRow256(store, ref Unsafe.Add(ref c, 2 * cn), c20, c21);
        WriteRow256(store, ref Unsafe.Add(ref c, 3 * cn), c30, c31);
        WriteRow256(store, ref Unsafe.Add(ref c, 4 * cn), c40, c41);
        WriteRow256(store, ref Unsafe.Add(ref c, 5 * cn), c50, c51);
    }

    /// <summary>
    /// One row × 16 columns, the steps of k in order as in the 6-row tile (so a sample's outputs do
    /// not depend on the batch around it), zeros of A skipped with their rows of B as in the
    /// AVX-512 row kernels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row256x2(ref float a, int cs, ref float b, int bn, ref float c, int k, bool store)
    {
        Vector256<float> c0 = default, c1 = default;
        for (int p = 0; p < k; p++)
        {
            float value = Unsafe.Add(ref a, p * cs);
            if (value == 0f)
            {
                continue;
            }

            ref float bp = ref Unsafe.Add(ref b, p * bn);
            Vector256<float> x = Vector256.Create(value);
            c0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp), c0);
            c1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp, 8), c1);
        }

        WriteRow256(store, ref c, c0, c1);
    }

    /// <summary>Adds a tile row's two vectors into C, or with <paramref name="store"/> (the first block of k of C = A·B) writes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow256(bool store, ref float row, Vector256<float> v0, Vector256<float> v1)
    {
        if (store)
        {
            // + 0 turns a sum that underflowed to −0 into +0, the bits of adding it to a cleared C.
            (v0 + Vector256<float>.Zero).StoreUnsafe(ref row);
            (v1 + Vector256<float>.Zero).StoreUnsafe(ref row, 8);
            return;
        }

        (Vector256.LoadUnsafe(ref row) + v0).StoreUnsafe(ref row);
        (Vector256.LoadUnsafe(ref row, 8) + v1).StoreUnsafe(ref row, 8);
    }
}
