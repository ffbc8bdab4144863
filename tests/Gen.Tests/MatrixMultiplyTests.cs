using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Gen.Kernels;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// The register-blocked product against a plain triple loop, over shapes that hit every tile, row
/// and column remainder, on every kernel width this machine runs (an AVX-512 machine also runs the
/// AVX2 and scalar kernels, so all three are checked here).
/// </summary>
public sealed class MatrixMultiplyTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(6, 5, 16)]
    [InlineData(7, 13, 17)]
    [InlineData(13, 9, 40)]
    [InlineData(64, 784, 10)]
    [InlineData(64, 33, 128)]
    [InlineData(5, 64, 83)]
    [InlineData(12, 3, 200)]
    [InlineData(9, 300, 40)]
    [InlineData(64, 128, 10)]
    [InlineData(128, 64, 10)]
    [InlineData(1, 784, 128)]
    [InlineData(3, 129, 10)]
    [InlineData(17, 200, 33)]
    [InlineData(2, 5, 7)]
    [InlineData(11, 2, 95)]
    public void Matches_the_naive_product_for_both_layouts_of_A(int m, int k, int n)
    {
        foreach (VectorWidth width in SupportedWidths())
        {
            Check(m, k, n, width);
        }
    }

    [Theory]
    [InlineData(1, 784, 128)]
    [InlineData(3, 101, 80)]
    [InlineData(1, 128, 10)]
    [InlineData(64, 784, 128)]
    [InlineData(784, 64, 64)]
    [InlineData(140, 200, 80)]
    [InlineData(13, 37, 10)]
    public void Matches_the_naive_product_when_A_is_mostly_zeros(int m, int k, int n)
    {
        // The row kernels skip a row's zeros and the tiles the steps at which all their rows are
        // zero (an image's background): runs of zeros, isolated zeros, steps zero in every row and a
        // zero next to a value must all give the dense product, in tiles of one pass of step lists
        // and of several (140 and 784 rows), in both layouts of A.
        foreach (VectorWidth width in SupportedWidths())
        {
            Check(m, k, n, width, zeroEvery: 3);
        }
    }

    [Theory]
    [InlineData(784, 128)]
    [InlineData(128, 10)]
    [InlineData(37, 83)]
    public void A_row_gives_the_same_bits_alone_as_in_a_batch(int k, int n)
    {
        // The row kernels sum the steps of k in the order the tiles do, so one sample's prediction
        // does not depend on the samples batched with it.
        const int m = 9; // two 4-row tiles, an 8-row tile and a row of remainder
        float[] a = TestData.Uniform(m * k, 4, 0, 1);
        float[] b = TestData.Uniform(k * n, 5);
        foreach (VectorWidth width in SupportedWidths())
        {
            var batch = new float[m * n];
            MatrixMultiply.Multiply(a, k, 1, b, batch, m, k, n, accumulate: false, width);
            for (int i = 0; i < m; i++)
            {
                var alone = new float[n];
                MatrixMultiply.Multiply(a.AsSpan(i * k, k), k, 1, b, alone, 1, k, n, accumulate: false, width);
                Assert.Equal(batch.AsSpan(i * n, n).ToArray(), alone);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_row_gives_the_same_bits_alone_as_in_a_batch_when_A_is_mostly_zeros(bool transposed)
    {
        // The tiles skip the steps at which all their rows are zero, a row alone skips its own
        // zeros: both must add the remaining steps in the same order, so the bits agree.
        const int m = 70, k = 300, n = 128; // passes of 64 and 96 rows, tiles and rows of remainder
        float[] a = TestData.Uniform(m * k, 4, 0, 1);
        int rowStride = transposed ? 1 : k;
        int columnStride = transposed ? m : 1;
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                // A digit-like pattern: a background shared by every row, and rows that differ.
                if (p % 28 < 6 || p % 28 > 22 || (p + (3 * i)) % 4 == 0)
                {
                    a[(i * rowStride) + (p * columnStride)] = 0f;
                }
            }
        }

        float[] b = TestData.Uniform(k * n, 5);
        foreach (VectorWidth width in SupportedWidths())
        {
            var batch = new float[m * n];
            MatrixMultiply.Multiply(a, rowStride, columnStride, b, batch, m, k, n, accumulate: false, width);
            for (int i = 0; i < m; i++)
            {
                var alone = new float[n];
                MatrixMultiply.Multiply(a.AsSpan(i * rowStride), rowStride, columnStride, b, alone, 1, k, n, accumulate: false, width);
                Assert.True(batch.AsSpan(i * n, n).SequenceEqual(alone), $"{width}, transposed={transposed}: row {i} differs alone");
            }
        }
    }

    [Theory]
    [InlineData(64, 784, 128)]
    [InlineData(784, 64, 64)]
    [InlineData(70, 200, 80)]
    [InlineData(13, 37, 10)]
    public void Skipping_zero_steps_gives_the_bits_of_running_every_step(int m, int k, int n)
    {
        // The skip is exact, not merely close: the same bits as tiles that run every step, for
        // both layouts of A, added to C or stored, on every width.
        float[] b = TestData.Uniform(k * n, 2);
        foreach (bool transposed in new[] { false, true })
        {
            float[] a = TestData.Uniform(m * k, 1);
            int rowStride = transposed ? 1 : k;
            int columnStride = transposed ? m : 1;
            for (int i = 0; i < m; i++)
            {
                for (int p = 0; p < k; p++)
                {
                    if (p % 28 < 6 || p % 28 > 22 || (p + (3 * i)) % 4 == 0)
                    {
                        a[(i * rowStride) + (p * columnStride)] = (i + p) % 2 == 0 ? 0f : -0f;
                    }
                }
            }

            foreach (VectorWidth width in SupportedWidths())
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    float[] skipped = TestData.Uniform(m * n, 3);
                    float[] every = (float[])skipped.Clone();
                    MatrixMultiply.Multiply(a, rowStride, columnStride, b, skipped, m, k, n, accumulate, width, skipZeroSteps: true);
                    MatrixMultiply.Multiply(a, rowStride, columnStride, b, every, m, k, n, accumulate, width, skipZeroSteps: false);
                    Assert.True(skipped.AsSpan().SequenceEqual(every), $"{width}, transposed={transposed}, accumulate={accumulate}: the bits differ");
                }
            }
        }
    }

    [Fact]
    public void A_NaN_in_A_is_never_skipped_and_minus_zero_always_is()
    {
        // The step lists test a value's bits past the sign: −0 is a zero to skip, NaN a value
        // whose product must reach C (a diverged input is reported, not hidden).
        const int m = 12, k = 40, n = 64;
        float[] a = new float[m * k];
        Array.Fill(a, -0f);
        a[(6 * k) + 17] = float.NaN; // row 6, inside a tile of every width
        float[] b = TestData.Uniform(k * n, 6);
        foreach (VectorWidth width in SupportedWidths())
        {
            float[] c = TestData.Uniform(m * n, 7);
            MatrixMultiply.Multiply(a, k, 1, b, c, m, k, n, accumulate: false, width);
            for (int x = 0; x < c.Length; x++)
            {
                if (x / n == 6)
                {
                    Assert.True(float.IsNaN(c[x]), $"{width}: element {x} of the NaN row is {c[x]}");
                }
                else
                {
                    Assert.True(BitConverter.SingleToInt32Bits(c[x]) == 0, $"{width}: element {x} is {c[x]}, expected +0");
                }
            }
        }
    }

    [Fact]
    public void A_sum_that_underflows_to_minus_zero_is_stored_as_plus_zero_on_every_path()
    {
        // −1e-30 · 1e-30 is −1e-60, which a float FMA rounds to −0. C = A·B must give what adding
        // the sum to a cleared C gives (+0), on every width and alone or in a batch, although the
        // vector kernels store the first block of k without clearing C.
        const int k = 2, n = 64;
        float[] b = new float[k * n];
        Array.Fill(b, 1e-30f, 0, n);
        Array.Fill(b, 1f, n, n);
        float[] a = [-1e-30f, 0f, -1e-30f, 0f, -1e-30f, 0f, -1e-30f, 0f]; // 4 rows: one tile; each row alone skips its zero
        foreach (VectorWidth width in SupportedWidths())
        {
            foreach (int m in new[] { 4, 1 })
            {
                float[] c = TestData.Uniform(m * n, 7); // not zero: every element must be written
                MatrixMultiply.Multiply(a, k, 1, b, c, m, k, n, accumulate: false, width);
                foreach (float value in c)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(value) == 0, $"{width}, {m} row(s): got {value} with bits {BitConverter.SingleToInt32Bits(value):x8}, expected +0");
                }
            }

            // The narrow path (fewer than 16 columns) stores through its scratch tile.
            float[] narrowB = [.. Enumerable.Repeat(1e-30f, 10), .. Enumerable.Repeat(1f, 10)];
            float[] narrow = TestData.Uniform(10, 8);
            MatrixMultiply.Multiply(a, k, 1, narrowB, narrow, 1, k, 10, accumulate: false, width);
            Assert.All(narrow, value => Assert.Equal(0, BitConverter.SingleToInt32Bits(value)));
        }
    }

    [Fact]
    public void This_machine_runs_its_widest_kernels()
    {
        // The other widths are tested through the internal overload; this pins which one users get.
        VectorWidth expected = Vector512.IsHardwareAccelerated ? VectorWidth.Vector512 : Vector256.IsHardwareAccelerated ? VectorWidth.Vector256 : VectorWidth.Scalar;
        Assert.Equal(expected, MatrixMultiply.BestWidth);
    }

    private static VectorWidth[] SupportedWidths() =>
        Vector512.IsHardwareAccelerated ? [VectorWidth.Vector512, VectorWidth.Vector256, VectorWidth.Scalar] :
        Vector256.IsHardwareAccelerated ? [VectorWidth.Vector256, VectorWidth.Scalar] :
        [VectorWidth.Scalar];

    private static void Check(int m, int k, int n, VectorWidth width, int zeroEvery = 0)
    {
        float[] b = TestData.Uniform(k * n, 2);
        foreach (bool transposed in new[] { false, true })
        {
            // A(i, p) is a[i·k + p] (X·W) or a[p·m + i] (Xᵀ·dY, read in place).
            float[] a = TestData.Uniform(m * k, 1);
            int rowStride = transposed ? 1 : k;
            int columnStride = transposed ? m : 1;
            for (int x = 0; zeroEvery > 0 && x < a.Length; x++)
            {
                // Zero most values: two of every three, a whole run in the middle, and every fifth
                // step of k in all rows.
                int step = transposed ? x / m : x % k;
                if (x % zeroEvery != 0 || (x > a.Length / 3 && x < a.Length / 2) || step % 5 == 0)
                {
                    a[x] = 0f;
                }
            }

            foreach (bool accumulate in new[] { false, true })
            {
                // Sentinels past the end of C: a tile that writes too far would change them.
                float[] c = TestData.Uniform((m * n) + 17, 3);
                float[] expected = (float[])c.Clone();
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double sum = accumulate ? expected[(i * n) + j] : 0;
                        for (int p = 0; p < k; p++)
                        {
                            sum += (double)a[(i * rowStride) + (p * columnStride)] * b[(p * n) + j];
                        }

                        expected[(i * n) + j] = (float)sum;
                    }
                }

                MatrixMultiply.Multiply(a, rowStride, columnStride, b, c, m, k, n, accumulate, width);
                for (int x = 0; x < c.Length; x++)
                {
                    Assert.True(
                        Math.Abs(c[x] - expected[x]) <= 1e-4f * Math.Max(1, Math.Sqrt(k)),
                        $"{width} m={m} k={k} n={n} transposed={transposed} accumulate={accumulate}: element {x} is {c[x]}, expected {expected[x]}");
                }
            }
        }
    }

    [Fact]
    public void Refuses_buffers_too_small_for_the_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply(new float[5], 2, 1, new float[6], new float[9], 3, 2, 3, accumulate: false));
        Assert.Contains("3×2 by 2×3", error.Message);
    }
}
