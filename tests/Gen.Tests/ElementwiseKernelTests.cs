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
}
