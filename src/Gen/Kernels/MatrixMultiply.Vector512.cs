using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gen.Kernels;

// The AVX-512 kernels. Each tile takes a at A(i, 0), b at B(0, j) with row stride bn, and c at
// C(i, j) with row stride cn, and adds its product over k steps into C (with store, on the first
// block of k of a product that does not accumulate, writes it there instead).
public static partial class MatrixMultiply
{
    /// <summary>
    /// The tiles whose step lists one pass builds before running them over every column block (32
    /// rows with AVX-512, 48 with AVX2). On 64 digits X·W took 44 µs with 8 and 47 µs with 16.
    /// </summary>
    private const int TilesPerPass = 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // the step lists are written before they are read
    private static void MultiplyBlock512(ref float a, int rs, int cs, ref float b, ref float c, int m, int k, int n, bool store, bool skip)
    {
        int tiledRows = m - (m % 4);
        int j = n - (n % 64);
        if (j > 0 && tiledRows > 0)
        {
            // Each tile's list of steps is built once and used by every 64-column block; a pass
            // takes a few tiles at a time, so that their lists (128 bytes each) and the panel of B
            // a column block reads stay in the L1 cache while the pass's tiles run over it.
            // Xᵀ read in place lists the steps of 16 tiles at once, at a cost per step (see
            // TransposedStepLists): its passes are twice as long. On 64 dense samples this took the
            // listing's cost in the weight gradient of 64 units from 24 % to 16 %.
            int passTiles = rs == 1 && cs != 1 ? 2 * TilesPerPass : TilesPerPass;
            Span<byte> steps = stackalloc byte[2 * TilesPerPass * KBlock];
            Span<int> counts = stackalloc int[2 * TilesPerPass];
            ref byte lists = ref MemoryMarshal.GetReference(steps);
            for (int i0 = 0; i0 < tiledRows; i0 += 4 * passTiles)
            {
                int tiles = Math.Min(passTiles, (tiledRows - i0) / 4);
                if (!skip)
                {
                    counts.Slice(0, tiles).Fill(k);
                }
                else
                {
                    int listed = 0;
                    if (rs == 1 && cs != 1 && Bmi2.X64.IsSupported)
                    {
                        listed = tiles - (tiles % 4);
                        TransposedStepLists(ref Unsafe.Add(ref a, i0), cs, listed, k, ref lists, ref MemoryMarshal.GetReference(counts));
                    }

                    for (int t = listed; t < tiles; t++)
                    {
                        counts[t] = NonZeroSteps(ref Unsafe.Add(ref a, (i0 + (4 * t)) * rs), rs, cs, 4, k, ref Unsafe.Add(ref lists, t * KBlock));
                    }
                }

                for (int jc = 0; jc < j; jc += 64)
                {
                    for (int t = 0; t < tiles; t++)
                    {
                        int i = i0 + (4 * t);
                        ref float at = ref Unsafe.Add(ref a, i * rs);
                        ref float bt = ref Unsafe.Add(ref b, jc);
                        ref float ct = ref Unsafe.Add(ref c, (i * n) + jc);
                        ref byte list = ref Unsafe.Add(ref lists, t * KBlock);
                        if (counts[t] == k)
                        {
                            Tile512x4x4<EveryStep>(ref at, rs, cs, ref bt, n, ref ct, n, ref list, k, store);
                        }
                        else
                        {
                            Tile512x4x4<ListedSteps>(ref at, rs, cs, ref bt, n, ref ct, n, ref list, counts[t], store);
                        }
                    }
                }
            }
        }

        // The rows no 4-row tile covers (a prediction of one sample), over the same columns: 128 of
        // them at a time keep 8 FMAs in flight on one row.
        for (int i = tiledRows; i < m; i++)
        {
            int jr = 0;
            for (; jr + 128 <= j; jr += 128)
            {
                Row512x8(ref Unsafe.Add(ref a, i * rs), cs, ref Unsafe.Add(ref b, jr), n, ref Unsafe.Add(ref c, (i * n) + jr), k, store);
            }

            for (; jr < j; jr += 64)
            {
                Row512x4(ref Unsafe.Add(ref a, i * rs), cs, ref Unsafe.Add(ref b, jr), n, ref Unsafe.Add(ref c, (i * n) + jr), k, store);
            }
        }

        for (; j + 16 <= n; j += 16)
        {
            int i = 0;
            for (; i + 8 <= m; i += 8)
            {
                Tile512x8x1(ref Unsafe.Add(ref a, i * rs), rs, cs, ref Unsafe.Add(ref b, j), n, ref Unsafe.Add(ref c, (i * n) + j), n, k, store);
            }

            for (; i < m; i++)
            {
                Row512x1(ref Unsafe.Add(ref a, i * rs), cs, ref Unsafe.Add(ref b, j), n, ref Unsafe.Add(ref c, (i * n) + j), k, store);
            }
        }

        if (j < n)
        {
            Narrow512(ref a, rs, cs, ref b, ref c, m, k, n, j, store);
        }
    }

    /// <summary>Columns [from, n), fewer than 16, on the 8 × 16 tile over a zero-padded copy of B's columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // the panel and tile are written before they are read
    private static void Narrow512(ref float a, int rs, int cs, ref float b, ref float c, int m, int k, int n, int from, bool store)
    {
        const int Width = 16;
        Span<float> panel = stackalloc float[KBlock * Width];
        Span<float> tile = stackalloc float[8 * Width];
        PackNarrowPanel(ref b, k, n, from, panel, Width);
        ref float rp = ref MemoryMarshal.GetReference(panel);
        ref float rt = ref MemoryMarshal.GetReference(tile);
        int i = 0;
        for (; i + 8 <= m; i += 8)
        {
            Tile512x8x1(ref Unsafe.Add(ref a, i * rs), rs, cs, ref rp, Width, ref rt, Width, k, store: true);
            AddNarrowTile(tile, Width, ref c, n, i, 8, from, store);
        }

        for (; i < m; i++)
        {
            Row512x1(ref Unsafe.Add(ref a, i * rs), cs, ref rp, Width, ref rt, k, store: true);
            AddNarrowTile(tile, Width, ref c, n, i, 1, from, store);
        }
    }

    /// <summary>
    /// 4 rows × 64 columns in 16 registers: per step, 4 loads of B and 4 broadcasts feed 16 FMAs.
    /// Runs every step, or only the <paramref name="count"/> steps listed in <paramref name="steps"/>,
    /// those at which some row of the tile is not zero (see <see cref="NonZeroSteps"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512x4x4<TSteps>(ref float a, int rs, int cs, ref float b, int bn, ref float c, int cn, ref byte steps, int count, bool store)
        where TSteps : struct, IStepSource
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        ref float a1 = ref Unsafe.Add(ref a, rs);
        ref float a2 = ref Unsafe.Add(ref a1, rs);
        ref float a3 = ref Unsafe.Add(ref a2, rs);
        for (int s = 0; s < count; s++)
        {
            int p = TSteps.Step(ref steps, s);
            ref float bp = ref Unsafe.Add(ref b, p * bn);
            Vector512<float> b0 = Vector512.LoadUnsafe(ref bp);
            Vector512<float> b1 = Vector512.LoadUnsafe(ref bp, 16);
            Vector512<float> b2 = Vector512.LoadUnsafe(ref bp, 32);
            Vector512<float> b3 = Vector512.LoadUnsafe(ref bp, 48);
            int ap = p * cs;
            Vector512<float> x = Vector512.Create(Unsafe.Add(ref a, ap));
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

        WriteRow512(store, ref c, c00, c01, c02, c03);
        WriteRow512(store, ref Unsafe.Add(ref c, cn), c10, c11, c12, c13);
        WriteRow512(store, ref Unsafe.Add(ref c, 2 * cn), c20, c21, c22, c23);
        WriteRow512(store, ref Unsafe.Add(ref c, 3 * cn), c30, c31, c32, c33);
    }

    /// <summary>
    /// One row × 128 columns in 8 accumulators. Like every kernel here it sums the steps of k in
    /// order, so a sample's outputs are the same bits whether it is predicted alone or in a batch.
    /// A step whose value of A is zero adds nothing and is skipped with its row of B: one sample's
    /// inputs are often mostly zeros (the background of an image, units cut by a ReLU), and B's
    /// rows are what a single row's product waits for. Skipping is exact for finite weights: a
    /// skipped step would add ±0, which can change only the sign of a sum that is zero, and every
    /// sum reaches C through an addition (to C, or to +0 on a first block), which makes such a zero
    /// +0 either way. A weight that is not finite is an error the trainer reports on its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row512x8(ref float a, int cs, ref float b, int bn, ref float c, int k, bool store)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < k; p++)
        {
            float value = Unsafe.Add(ref a, p * cs);
            if (value == 0f)
            {
                continue;
            }

            ref float bp = ref Unsafe.Add(ref b, p * bn);
            Vector512<float> x = Vector512.Create(value);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 16), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 32), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 48), c3);
            c4 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 64), c4);
            c5 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 80), c5);
            c6 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 96), c6);
            c7 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 112), c7);
        }

        WriteRow512(store, ref c, c0, c1, c2, c3);
        WriteRow512(store, ref Unsafe.Add(ref c, 64), c4, c5, c6, c7);
    }

    /// <summary>One row × 64 columns, the steps of k in order, zeros of A skipped (see <see cref="Row512x8"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row512x4(ref float a, int cs, ref float b, int bn, ref float c, int k, bool store)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int p = 0; p < k; p++)
        {
            float value = Unsafe.Add(ref a, p * cs);
            if (value == 0f)
            {
                continue;
            }

            ref float bp = ref Unsafe.Add(ref b, p * bn);
            Vector512<float> x = Vector512.Create(value);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 16), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 32), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.LoadUnsafe(ref bp, 48), c3);
        }

        WriteRow512(store, ref c, c0, c1, c2, c3);
    }

    /// <summary>8 rows × 16 columns in 8 registers: per step of k, 1 load of B and 8 broadcasts feed 8 FMAs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512x8x1(ref float a, int rs, int cs, ref float b, int bn, ref float c, int cn, int k, bool store)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> c4 = default, c5 = default, c6 = default, c7 = default;
        nint r1 = rs, r2 = 2 * (nint)rs, r3 = 3 * (nint)rs, r4 = 4 * (nint)rs, r5 = 5 * (nint)rs, r6 = 6 * (nint)rs, r7 = 7 * (nint)rs;
        for (int p = 0; p < k; p++)
        {
            Vector512<float> bp = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, p * bn));
            ref float ap = ref Unsafe.Add(ref a, p * cs);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(ap), bp, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r1)), bp, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r2)), bp, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r3)), bp, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r4)), bp, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r5)), bp, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r6)), bp, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ap, r7)), bp, c7);
        }

        WriteVector512(store, ref c, c0);
        WriteVector512(store, ref Unsafe.Add(ref c, cn), c1);
        WriteVector512(store, ref Unsafe.Add(ref c, 2 * cn), c2);
        WriteVector512(store, ref Unsafe.Add(ref c, 3 * cn), c3);
        WriteVector512(store, ref Unsafe.Add(ref c, 4 * cn), c4);
        WriteVector512(store, ref Unsafe.Add(ref c, 5 * cn), c5);
        WriteVector512(store, ref Unsafe.Add(ref c, 6 * cn), c6);
        WriteVector512(store, ref Unsafe.Add(ref c, 7 * cn), c7);
    }

    /// <summary>One row × 16 columns, the steps of k in order as in <see cref="Tile512x8x1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row512x1(ref float a, int cs, ref float b, int bn, ref float c, int k, bool store)
    {
        Vector512<float> c0 = default;
        for (int p = 0; p < k; p++)
        {
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, p * cs)), Vector512.LoadUnsafe(ref Unsafe.Add(ref b, p * bn)), c0);
        }

        WriteVector512(store, ref c, c0);
    }

    /// <summary>Adds a tile row's four vectors into C, or with <paramref name="store"/> (the first block of k of C = A·B) writes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow512(bool store, ref float row, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        if (store)
        {
            // + 0 turns a sum that underflowed to −0 into +0, the bits of adding it to a cleared C.
            (v0 + Vector512<float>.Zero).StoreUnsafe(ref row);
            (v1 + Vector512<float>.Zero).StoreUnsafe(ref row, 16);
            (v2 + Vector512<float>.Zero).StoreUnsafe(ref row, 32);
            (v3 + Vector512<float>.Zero).StoreUnsafe(ref row, 48);
            return;
        }

        (Vector512.LoadUnsafe(ref row) + v0).StoreUnsafe(ref row);
        (Vector512.LoadUnsafe(ref row, 16) + v1).StoreUnsafe(ref row, 16);
        (Vector512.LoadUnsafe(ref row, 32) + v2).StoreUnsafe(ref row, 32);
        (Vector512.LoadUnsafe(ref row, 48) + v3).StoreUnsafe(ref row, 48);
    }

    /// <summary>Adds one vector into C, or with <paramref name="store"/> writes it (plus +0, as <see cref="WriteRow512"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteVector512(bool store, ref float at, Vector512<float> v) => ((store ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref at)) + v).StoreUnsafe(ref at);
}
