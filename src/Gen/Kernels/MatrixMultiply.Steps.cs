using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gen.Kernels;

// The steps of k that a tile of rows runs. A step whose values of A are zero in every row of the
// tile adds nothing to the tile, so the tiles run only the steps listed here: in X·W a 4-row tile
// of a batch of MNIST digits has a zero in all four rows at 61 % of the pixels (the background),
// and in Xᵀ·dZ four neighbouring pixels are zero together in 72 % of the digits.
//
// A list holds a tile's steps as bytes (a block of k has at most 128), so that the lists do not
// push the panel of B out of the L1 cache (lists of two int offsets per step, which spare the tile
// two multiplies per step, made X·W slower). It is built without a
// branch per step, so how the zeros fall costs no mispredicted branches.
//
// Skipping is exact for finite values of B: a skipped step would add ±0 to each of the tile's sums,
// which can change only the sign of a sum that is zero, and every sum reaches C through an addition
// (to C, or to +0 on a first block), which makes such a zero +0 either way. The steps that are run
// are run in order, so a tile's sums are the same bits as without the skip, and as the one-row
// kernels give (they skip a row's own zeros).
public static partial class MatrixMultiply
{
    /// <summary>
    /// How a tile finds its steps: every step in order (<see cref="EveryStep"/>, a tile without a
    /// step to skip, as on dense data) or those of a list (<see cref="ListedSteps"/>). The tiles are
    /// generic over it so that the JIT compiles one loop for each, with nothing to decide per step.
    /// </summary>
    private interface IStepSource
    {
        static abstract int Step(ref byte list, int s);
    }

    /// <summary>The s-th of every step: s itself.</summary>
    private readonly struct EveryStep : IStepSource
    {
        public static int Step(ref byte list, int s) => s;
    }

    /// <summary>The s-th listed step.</summary>
    private readonly struct ListedSteps : IStepSource
    {
        public static int Step(ref byte list, int s) => Unsafe.Add(ref list, s);
    }

    /// <summary>
    /// Lists in <paramref name="steps"/> the steps p &lt; <paramref name="k"/> (at most
    /// <see cref="KBlock"/>), in order, at which any of <paramref name="rows"/> rows of A is not zero
    /// (−0 counts as zero, NaN as a value), and returns how many there are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NonZeroSteps(ref float a, int rs, int cs, int rows, int k, ref byte steps)
    {
        int count = 0;
        int p = 0;
        if (cs == 1 && Avx512F.IsSupported)
        {
            // A row's steps are contiguous: OR sixteen of them across the rows, keep the lanes whose
            // bits past the sign are not all zero, and compress their indices into the list. The
            // store writes sixteen bytes at count ≤ p, so it stays inside the first k.
            Vector512<int> magnitude = Vector512.Create(int.MaxValue);
            for (; p + 16 <= k; p += 16)
            {
                Vector512<float> any = Vector512.LoadUnsafe(ref a, (nuint)p);
                for (int r = 1; r < rows; r++)
                {
                    any |= Vector512.LoadUnsafe(ref Unsafe.Add(ref a, r * rs), (nuint)p);
                }

                Vector512<int> keep = Vector512.GreaterThan(any.AsInt32() & magnitude, Vector512<int>.Zero);
                AppendSteps(ref steps, count, keep, Vector512<int>.Indices + Vector512.Create(p));
                count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
            }
        }
        else if (cs == 1 && Vector256.IsHardwareAccelerated)
        {
            // Without a compress instruction: eight steps at a time to a bit mask, then each step
            // written and the count advanced by its bit.
            Vector256<int> magnitude = Vector256.Create(int.MaxValue);
            for (; p + 8 <= k; p += 8)
            {
                Vector256<float> any = Vector256.LoadUnsafe(ref a, (nuint)p);
                for (int r = 1; r < rows; r++)
                {
                    any |= Vector256.LoadUnsafe(ref Unsafe.Add(ref a, r * rs), (nuint)p);
                }

                uint bits = Vector256.GreaterThan(any.AsInt32() & magnitude, Vector256<int>.Zero).ExtractMostSignificantBits();
                for (int lane = 0; lane < 8; lane++)
                {
                    Unsafe.Add(ref steps, count) = (byte)(p + lane);
                    count += (int)((bits >> lane) & 1);
                }
            }
        }
        else if (rs == 1 && rows == 4 && Vector128.IsHardwareAccelerated)
        {
            // A = Xᵀ read in place: a step's four values are four neighbouring floats.
            Vector128<uint> magnitude = Vector128.Create((uint)int.MaxValue);
            ref float ap = ref a;
            for (; p < k; p++)
            {
                Vector128<uint> values = Vector128.LoadUnsafe(ref ap).AsUInt32() & magnitude;
                Unsafe.Add(ref steps, count) = (byte)p;
                count += values == Vector128<uint>.Zero ? 0 : 1;
                ap = ref Unsafe.Add(ref ap, cs);
            }
        }

        // Other strides and row counts, and the last few steps of a contiguous row.
        for (; p < k; p++)
        {
            ref float ap = ref Unsafe.Add(ref a, p * cs);
            uint any = 0;
            for (int r = 0; r < rows; r++)
            {
                any |= BitConverter.SingleToUInt32Bits(Unsafe.Add(ref ap, r * rs));
            }

            // (magnitude + 2³¹ − 1) has its top bit set exactly when the magnitude is not zero.
            Unsafe.Add(ref steps, count) = (byte)p;
            count += (int)(((any & int.MaxValue) + int.MaxValue) >> 31);
        }

        return count;
    }

    /// <summary>A bit for each of the 16 floats at <paramref name="offset"/> whose bits past the sign are not all zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonZeroLanes(ref float at, int offset, Vector512<int> magnitude) =>
        Vector512.GreaterThan(Vector512.LoadUnsafe(ref at, (nuint)offset).AsInt32() & magnitude, Vector512<int>.Zero).ExtractMostSignificantBits();

    /// <summary>Writes the steps of the lanes <paramref name="keep"/> selects, packed, as 16 bytes at <paramref name="count"/> of the list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendSteps(ref byte list, int count, Vector512<int> keep, Vector512<int> steps) =>
        Avx512F.ConvertToVector128Byte(Avx512F.Compress(Vector512<int>.Zero, keep, steps)).StoreUnsafe(ref list, (nuint)count);

    /// <summary>
    /// The step lists of <paramref name="tiles"/> (a multiple of 4, at most 16) adjacent 4-row tiles
    /// when A is read transposed in place (A = Xᵀ, row stride 1): at each step the tiles' rows are
    /// 4·tiles contiguous floats. Listing each tile's steps one by one would read its four values
    /// and append per step, about a quarter of the FMA work of a 64-column tile on dense data; here
    /// each step costs one test of its rows for all the tiles at once, and each tile's list grows by
    /// compressing 32 steps at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // every mask a chunk reads is written first
    private static void TransposedStepLists(ref float a, int cs, int tiles, int k, ref byte lists, ref int counts)
    {
        const ulong FirstOfEachNibble = 0x1111_1111_1111_1111;
        Span<ushort> masks = stackalloc ushort[32]; // bit t of masks[s]: tile t has a value at step p0 + s
        ref ushort rm = ref MemoryMarshal.GetReference(masks);
        Vector512<int> magnitude = Vector512.Create(int.MaxValue);
        Vector512<int> laneBit = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1 << 10, 1 << 11, 1 << 12, 1 << 13, 1 << 14, 1 << 15);
        int vectors = tiles / 4;
        for (int t = 0; t < tiles; t++)
        {
            Unsafe.Add(ref counts, t) = 0;
        }

        for (int p0 = 0; p0 < k; p0 += 32)
        {
            int chunk = Math.Min(32, k - p0);
            int s = 0;
            for (; s < chunk; s++)
            {
                // One bit per row that is not zero, then per tile (four rows) whether any is.
                ref float ap = ref Unsafe.Add(ref a, (p0 + s) * cs);
                ulong rows = 0;
                for (int v = 0; v < vectors; v++)
                {
                    rows |= NonZeroLanes(ref ap, 16 * v, magnitude) << (16 * v);
                }

                rows |= rows >> 1;
                rows |= rows >> 2;
                Unsafe.Add(ref rm, s) = (ushort)Bmi2.X64.ParallelBitExtract(rows, FirstOfEachNibble);
            }

            for (; s < 32; s++)
            {
                Unsafe.Add(ref rm, s) = 0;
            }

            // Tile t's 32 steps are bit t of the 32 masks; they are compressed into its list 16 at a
            // time. A store writes 16 bytes at count ≤ p0 + 16 ≤ KBlock − 16, inside the list.
            Vector512<ushort> chunkMasks = Vector512.LoadUnsafe(ref rm);
            Vector512<int> first = Vector512<int>.Indices + Vector512.Create(p0);
            Vector512<int> second = first + Vector512.Create(16);
            for (int t = 0; t < tiles; t++)
            {
                uint steps = (uint)(chunkMasks << (15 - t)).ExtractMostSignificantBits();
                ref byte list = ref Unsafe.Add(ref lists, t * KBlock);
                ref int count = ref Unsafe.Add(ref counts, t);
                AppendSteps(ref list, count, Vector512.Equals(Vector512.Create((int)steps) & laneBit, laneBit), first);
                count += BitOperations.PopCount(steps & 0xFFFF);
                AppendSteps(ref list, count, Vector512.Equals(Vector512.Create((int)(steps >> 16)) & laneBit, laneBit), second);
                count += BitOperations.PopCount(steps >> 16);
            }
        }
    }
}
