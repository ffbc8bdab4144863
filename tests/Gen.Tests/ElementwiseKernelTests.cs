using System;
using Gen.Kernels;
using Xunit;

namespace Gen.Tests;

/// <summary>The element-wise kernels against their definitions, over lengths with and without a vector remainder.</summary>
public sealed class ElementwiseKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(8192)]
    public void ReLU_clears_negatives_and_keeps_NaN(int length)
    {
        float[] values = TestData.Uniform(length, 4);
        values[length / 2] = float.NaN;
        float[] expected = Array.ConvertAll(values, v => float.IsNaN(v) ? v : Math.Max(v, 0f));

        ActivationKernels.ReLU(values);

        Assert.Equal(expected, values);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(64, 128)]
    [InlineData(7, 19)]
    public void BiasGradient_sums_the_rows(int rows, int units)
    {
        float[] gradient = TestData.Uniform(rows * units, 5);
        var sum = new float[units + 1];
        sum[units] = 42f;

        DenseKernels.BiasGradient(gradient, sum, rows, units);

        for (int j = 0; j < units; j++)
        {
            float expected = 0;
            for (int r = 0; r < rows; r++)
            {
                expected += gradient[(r * units) + j];
            }

            Assert.Equal(expected, sum[j]);
        }

        Assert.Equal(42f, sum[units]);
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(7, 23)]
    public void Gather_copies_the_column_range_of_each_sample_in_order(int from, int to)
    {
        const int Width = 30;
        float[] source = TestData.Uniform(9 * Width, 6);
        // The last sample, repeated and at the end, where the rows requested ahead run out.
        int[] samples = [8, 0, 8, 5, 5, 2, 8];
        var batch = new float[samples.Length * Width];
        Array.Fill(batch, -1f);

        DenseKernels.Gather(source, Width, samples, batch, from, to);

        for (int r = 0; r < samples.Length; r++)
        {
            for (int c = 0; c < Width; c++)
            {
                float expected = c >= from && c < to ? source[(samples[r] * Width) + c] : -1f;
                Assert.Equal(expected, batch[(r * Width) + c]);
            }
        }
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(2, 3)]
    [InlineData(6, 1)]
    [InlineData(4, 0)]
    public void Gather_of_a_row_range_writes_those_rows_only(int firstRow, int rowCount)
    {
        const int Width = 30;
        float[] source = TestData.Uniform(9 * Width, 7);
        int[] samples = [8, 0, 8, 5, 5, 2, 8];
        var batch = new float[samples.Length * Width];
        Array.Fill(batch, -1f);

        DenseKernels.Gather(source, Width, samples, batch, 7, 23, firstRow, rowCount);

        for (int r = 0; r < samples.Length; r++)
        {
            bool copied = r >= firstRow && r < firstRow + rowCount;
            for (int c = 0; c < Width; c++)
            {
                float expected = copied && c >= 7 && c < 23 ? source[(samples[r] * Width) + c] : -1f;
                Assert.Equal(expected, batch[(r * Width) + c]);
            }
        }
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(5, 3)]
    [InlineData(8, 0)]
    [InlineData(2, -1)]
    [InlineData(1, int.MaxValue)]
    public void Gather_refuses_a_row_range_outside_the_samples(int firstRow, int rowCount)
    {
        float[] source = TestData.Uniform(9 * 30, 8);
        var batch = new float[7 * 30];

        Assert.Throws<ArgumentOutOfRangeException>(() => DenseKernels.Gather(source, 30, [8, 0, 8, 5, 5, 2, 8], batch, 0, 30, firstRow, rowCount));
        Assert.All(batch, value => Assert.Equal(0f, value));
    }
}
