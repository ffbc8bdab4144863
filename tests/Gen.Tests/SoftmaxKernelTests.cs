using System;
using System.Runtime.Intrinsics;
using Gen.Kernels;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Softmax cross-entropy's row-per-vector AVX-512 path against its scalar path and against the
/// definition, at class counts that fill a vector, leave it part empty, and rows whose vector runs
/// past the end of the buffers.
/// </summary>
public sealed class SoftmaxKernelTests
{
    [Theory]
    [InlineData(64, 10)]
    [InlineData(1, 10)]
    [InlineData(3, 16)]
    [InlineData(65, 1)]
    [InlineData(5, 2)]
    [InlineData(9, 15)]
    public void The_vector_path_gives_the_scalar_paths_loss_probabilities_and_gradient(int rows, int classes)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return; // the vector path needs AVX-512; the scalar path is then the only one
        }

        float[] logits = TestData.Uniform(rows * classes, 11, -8f, 8f);
        int[] labels = TestData.Labels(rows, classes, 16);
        // Exactly sized outputs, with a sentinel beyond them in a longer array that the spans exclude.
        var scalarProbabilities = new float[rows * classes];
        var scalarGradient = new float[rows * classes];
        float[] vectorProbabilities = Filled(rows * classes + 16, 42f);
        float[] vectorGradient = Filled(rows * classes + 16, 42f);

        float scalarLoss = LossKernels.SoftmaxCrossEntropyScalar(logits, labels, scalarProbabilities, scalarGradient, rows, classes);
        float vectorLoss = LossKernels.SoftmaxCrossEntropyByRow512(
            logits, labels, vectorProbabilities.AsSpan(0, rows * classes), vectorGradient.AsSpan(0, rows * classes), rows, classes);

        Assert.InRange(Math.Abs(scalarLoss - vectorLoss), 0f, 1e-6f);
        for (int i = 0; i < rows * classes; i++)
        {
            // Exponentials an ulp or so apart, summed across the lanes in another order: a few ulps apart.
            AssertUlpsApart(scalarProbabilities[i], vectorProbabilities[i], 8);
            // The label's gradient, (p − 1) / rows, cancels: its error is the probability's, absolute.
            Assert.InRange(Math.Abs(scalarGradient[i] - vectorGradient[i]), 0f, 4e-7f / rows);
        }

        for (int i = rows * classes; i < vectorProbabilities.Length; i++)
        {
            Assert.Equal(42f, vectorProbabilities[i]);
            Assert.Equal(42f, vectorGradient[i]);
        }
    }

    [Fact]
    public void The_vector_path_matches_the_definition()
    {
        const int Rows = 4, Classes = 10;
        float[] logits = TestData.Uniform(Rows * Classes, 12, -5f, 5f);
        int[] labels = TestData.Labels(Rows, Classes, 17);
        var probabilities = new float[Rows * Classes];
        var gradient = new float[Rows * Classes];

        float loss = LossKernels.SoftmaxCrossEntropy(logits, labels, probabilities, gradient, Rows, Classes);

        double expectedLoss = 0;
        for (int r = 0; r < Rows; r++)
        {
            double sum = 0;
            for (int c = 0; c < Classes; c++)
            {
                sum += Math.Exp(logits[(r * Classes) + c]);
            }

            expectedLoss += Math.Log(sum) - logits[(r * Classes) + labels[r]];
            for (int c = 0; c < Classes; c++)
            {
                double p = Math.Exp(logits[(r * Classes) + c]) / sum;
                Assert.Equal(p, probabilities[(r * Classes) + c], 6);
                Assert.Equal((p - (c == labels[r] ? 1 : 0)) / Rows, gradient[(r * Classes) + c], 6);
            }
        }

        Assert.Equal(expectedLoss / Rows, loss, 5);
    }

    [Fact]
    public void A_NaN_logit_makes_the_loss_NaN()
    {
        float[] logits = TestData.Uniform(20, 13);
        logits[13] = float.NaN;
        var probabilities = new float[20];

        float loss = LossKernels.SoftmaxCrossEntropy(logits, [1, 2], probabilities, Span<float>.Empty, rows: 2, classes: 10);

        Assert.True(float.IsNaN(loss));
    }

    [Fact]
    public void Logits_that_share_memory_with_the_outputs_take_the_scalar_path_and_stay_correct()
    {
        // Probabilities written over the logits: whole-vector stores would overwrite the next row's logits.
        float[] buffer = TestData.Uniform(3 * 10, 14, -3f, 3f);
        float[] copy = (float[])buffer.Clone();
        var expected = new float[30];
        float expectedLoss = LossKernels.SoftmaxCrossEntropyScalar(copy, [0, 5, 9], expected, Span<float>.Empty, rows: 3, classes: 10);

        float loss = LossKernels.SoftmaxCrossEntropy(buffer, [0, 5, 9], buffer, Span<float>.Empty, rows: 3, classes: 10);

        Assert.Equal(expectedLoss, loss);
        Assert.Equal(expected, buffer);
    }

    [Theory]
    [InlineData(64, 10)]
    [InlineData(1, 10)]
    [InlineData(7, 3)]
    [InlineData(2, 17)] // more classes than a vector holds: the scalar path
    public void Prediction_softmax_writes_the_probabilities_the_loss_writes_bit_for_bit(int rows, int classes)
    {
        float[] logits = TestData.Uniform(rows * classes, 16, -20f, 20f);
        var expected = new float[rows * classes];
        LossKernels.SoftmaxCrossEntropy(logits, TestData.Labels(rows, classes, 18), expected, Span<float>.Empty, rows, classes);
        float[] actual = Filled(rows * classes + 16, 42f);

        OutputKernels.Softmax(logits, actual.AsSpan(0, rows * classes), rows, classes);

        Assert.Equal(expected, actual.AsSpan(0, rows * classes).ToArray());
        Assert.All(actual.AsSpan(rows * classes).ToArray(), value => Assert.Equal(42f, value));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_scalar_path_gives_a_row_of_few_classes_the_bits_it_has_in_a_batch(int classes)
    {
        // One sample of a 2- or 3-class model is fewer values than TensorPrimitives.Exp vectorizes.
        const int Rows = 7;
        float[] logits = TestData.Uniform(Rows * classes, 17, -6f, 6f);
        var batch = new float[Rows * classes];
        LossKernels.SoftmaxCrossEntropyScalar(logits, ReadOnlySpan<int>.Empty, batch, Span<float>.Empty, Rows, classes);
        for (int r = 0; r < Rows; r++)
        {
            var alone = new float[classes];
            LossKernels.SoftmaxCrossEntropyScalar(logits.AsSpan(r * classes, classes), ReadOnlySpan<int>.Empty, alone, Span<float>.Empty, 1, classes);
            Assert.Equal(batch.AsSpan(r * classes, classes).ToArray(), alone);
        }
    }

    [Fact]
    public void A_gradient_without_labels_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LossKernels.SoftmaxCrossEntropy(new float[20], ReadOnlySpan<int>.Empty, new float[20], new float[20], rows: 2, classes: 10));
        Assert.Contains("needs the labels", error.Message);
    }

    [Fact]
    public void Prediction_softmax_of_logits_beyond_floats_exponential_range_is_finite_and_sums_to_one()
    {
        // e^100 overflows float: the largest logit is subtracted first.
        float[] logits = [100f, 99f, 98f, -1000f, 0f, 1000f, 999f, 998f, 997f, 996f];
        var probabilities = new float[10];

        OutputKernels.Softmax(logits, probabilities, rows: 1, classes: 10);

        double sum = 0;
        for (int c = 0; c < 10; c++)
        {
            Assert.True(float.IsFinite(probabilities[c]), $"class {c}: {probabilities[c]}");
            sum += probabilities[c];
        }

        Assert.Equal(1.0, sum, 6);
        Assert.Equal(0f, probabilities[0]); // 900 below the largest
        Assert.Equal(1 / (1 + Math.Exp(-1) + Math.Exp(-2) + Math.Exp(-3) + Math.Exp(-4)), probabilities[5], 6);
    }

    [Fact]
    public void Predict_returns_what_ComputeLoss_writes_for_the_same_samples()
    {
        var model = new Models.MnistNet();
        const int Samples = 5;
        float[] inputs = TestData.Uniform(Samples * Models.MnistNet.InputCount, 19, 0f, 1f);
        var predicted = new float[Samples * Models.MnistNet.OutputCount];
        var evaluated = new float[Samples * Models.MnistNet.OutputCount];

        model.Predict(inputs, predicted);
        model.ComputeLoss(inputs, TestData.Labels(Samples, Models.MnistNet.OutputCount, 20), evaluated);

        Assert.Equal(evaluated, predicted);
    }

    [Fact]
    public void The_exponential_is_within_two_ulps_of_the_reference_and_zero_where_it_would_be_subnormal()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        float[] x = TestData.Uniform(16 * 4096, 15, -87.3f, 88f);
        x[0] = float.NegativeInfinity;
        x[1] = float.NaN;
        x[2] = -87.4f;
        x[3] = -100f;
        x[4] = 0f;
        x[5] = -87.33f;
        for (int i = 0; i < x.Length; i += 16)
        {
            Vector512<float> e = Exponential.Exp(Vector512.Create(x.AsSpan(i, 16)));
            for (int lane = 0; lane < 16; lane++)
            {
                float value = x[i + lane];
                float actual = e[lane];
                if (float.IsNaN(value))
                {
                    Assert.True(float.IsNaN(actual));
                }
                else if (value < -87.33654f)
                {
                    Assert.Equal(0f, actual);
                }
                else
                {
                    AssertUlpsApart((float)Math.Exp(value), actual, 2);
                }
            }
        }
    }

    private static void AssertUlpsApart(float expected, float actual, int ulps)
    {
        int apart = Math.Abs(BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(actual));
        Assert.True(Math.Sign(expected) == Math.Sign(actual) && apart <= ulps, $"{actual:R} is {apart} ulps from {expected:R}; at most {ulps} expected.");
    }

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}
