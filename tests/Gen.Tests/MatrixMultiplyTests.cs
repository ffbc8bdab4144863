using System;
using Gen.Kernels;
using Xunit;

namespace Gen.Tests;

/// <summary>The register-blocked product against a plain triple loop, over shapes that hit every tile, row and column remainder.</summary>
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
    public void Matches_the_naive_product_for_both_layouts_of_A(int m, int k, int n)
    {
        float[] b = TestData.Uniform(k * n, 2);
        foreach (bool transposed in new[] { false, true })
        {
            // A(i, p) is a[i·k + p] (X·W) or a[p·m + i] (Xᵀ·dY, read in place).
            float[] a = TestData.Uniform(m * k, 1);
            int rowStride = transposed ? 1 : k;
            int columnStride = transposed ? m : 1;
            foreach (bool accumulate in new[] { false, true })
            {
                float[] c = TestData.Uniform(m * n, 3);
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

                MatrixMultiply.Multiply(a, rowStride, columnStride, b, c, m, k, n, accumulate);
                for (int x = 0; x < c.Length; x++)
                {
                    Assert.True(
                        Math.Abs(c[x] - expected[x]) <= 1e-4f * Math.Max(1, Math.Sqrt(k)),
                        $"m={m} k={k} n={n} transposed={transposed} accumulate={accumulate}: element {x} is {c[x]}, expected {expected[x]}");
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
