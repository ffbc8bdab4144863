using System;
using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using Gen.Kernels;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Values that would turn subnormal (which costs a microcode assist per operation on Intel cores)
/// are flushed to zero: optimizer state that decays while its gradient is zero, probabilities of
/// logits far below their row's largest, and the gradients the losses and activations pass back.
/// Normal values are left alone: <see cref="OptimizerTests"/> and the gradient checks compare them
/// with the reference formulas.
/// </summary>
public sealed class SubnormalTests
{
    private const float Tiny = 1e-39f; // subnormal

    private static readonly float[] s_values =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1e-39f, -1e-39f,
        BitConverter.Int32BitsToSingle(0x007F_FFFF), // the largest subnormal
        BitConverter.Int32BitsToSingle(0x0080_0000), // the smallest normal, 2⁻¹²⁶
        BitConverter.Int32BitsToSingle(0x00FF_FFFF), // just below 2⁻¹²⁵
        BitConverter.Int32BitsToSingle(0x0100_0000), // 2⁻¹²⁵, kept
        -BitConverter.Int32BitsToSingle(0x0100_0000),
        3e-38f, -1e-30f, 1f, float.MaxValue, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
    ];

    [Fact]
    public void The_threshold_is_twice_the_smallest_normal_float() =>
        Assert.Equal(Subnormals.FlushBelow, BitConverter.Int32BitsToSingle(0x0100_0000));

    [Fact]
    public void Flush_zeroes_magnitudes_below_the_threshold_and_keeps_the_rest()
    {
        foreach (float value in s_values)
        {
            float flushed = Subnormals.Flush(value);
            if (MathF.Abs(value) < Subnormals.FlushBelow)
            {
                Assert.Equal(0, BitConverter.SingleToInt32Bits(flushed)); // +0, whatever the sign
            }
            else
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(flushed));
            }
        }
    }

    [Fact]
    public void Every_vector_width_flushes_as_the_scalar_does()
    {
        var lanes = new float[16];
        for (int start = 0; start < s_values.Length; start++)
        {
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                lanes[lane] = s_values[(start + lane) % s_values.Length];
            }

            Vector256<float> narrow = Subnormals.Flush(Vector256.Create(lanes.AsSpan(0, 8)));
            Vector512<float> wide = Subnormals.Flush(Vector512.Create(lanes.AsSpan()));
            Vector<float> native = Subnormals.Flush(new Vector<float>(lanes.AsSpan(0, Vector<float>.Count)));
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                int expected = BitConverter.SingleToInt32Bits(Subnormals.Flush(lanes[lane]));
                Assert.Equal(expected, BitConverter.SingleToInt32Bits(wide[lane]));
                if (lane < 8)
                {
                    Assert.Equal(expected, BitConverter.SingleToInt32Bits(narrow[lane]));
                }

                if (lane < Vector<float>.Count)
                {
                    Assert.Equal(expected, BitConverter.SingleToInt32Bits(native[lane]));
                }
            }
        }
    }

    [Fact]
    public void ZeroBelow_zeroes_magnitudes_below_the_floor_on_every_width()
    {
        const float Floor = 4.848731E-18f;
        float[] values = [0f, -0f, Tiny, 1e-20f, -4.8e-18f, Floor, -Floor, 5e-18f, 1f, float.NaN, float.NegativeInfinity];
        var lanes = new float[16];
        for (int start = 0; start < values.Length; start++)
        {
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                lanes[lane] = values[(start + lane) % values.Length];
            }

            Vector256<float> narrow = Subnormals.ZeroBelow(Vector256.Create(lanes.AsSpan(0, 8)), Vector256.Create(Floor));
            Vector512<float> wide = Subnormals.ZeroBelow(Vector512.Create(lanes.AsSpan()), Vector512.Create(Floor));
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                float value = lanes[lane];
                float expected = MathF.Abs(value) < Floor ? 0f : value;
                int bits = BitConverter.SingleToInt32Bits(expected);
                Assert.Equal(bits, BitConverter.SingleToInt32Bits(Subnormals.ZeroBelow(value, Floor)));
                Assert.Equal(bits, BitConverter.SingleToInt32Bits(wide[lane]));
                if (lane < 8)
                {
                    Assert.Equal(bits, BitConverter.SingleToInt32Bits(narrow[lane]));
                }
            }
        }
    }

    [Theory]
    [InlineData(typeof(AdamNet), 1f - 0.99f)]
    [InlineData(typeof(AdamWNet), 1f - 0.995f)]
    [InlineData(typeof(RmsPropNet), 1f - 0.9f)]
    [InlineData(typeof(RmsPropMomentumNet), 1f - 0.95f)]
    [InlineData(typeof(AdaGradNet), 1f)]
    public void The_squared_gradient_floor_is_where_the_squared_term_reaches_the_flush_threshold(Type model, float factor)
    {
        var floor = (float)model.GetField("SquaredGradientFloor", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        Assert.True(floor * floor * factor >= Subnormals.FlushBelow, $"{model.Name}: the floor {floor:G9} lets a term below 2⁻¹²⁵ through.");
        float below = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(floor) - 1); // the float just below
        Assert.True(below * below * factor < Subnormals.FlushBelow, $"{model.Name}: the floor {floor:G9} is not the smallest; {below:G9} reaches 2⁻¹²⁵ too.");
    }

    [Fact]
    public void A_gradient_too_small_to_square_adds_nothing_to_Adams_second_moment_and_still_moves_the_first()
    {
        // Inputs of 1e-19 give the first layer's weights gradients of about 1e-20: normal, but below
        // the floor (about 1.5e-18 for β₂ = 0.99), so that (1 − β₂)·g² would be subnormal. Second
        // moments of 1e-37 are normal and fine-grained enough (an ulp is about 1e-44) that such a
        // term would change their bits: only the floor keeps it out.
        var floor = (float)typeof(AdamNet).GetField("SquaredGradientFloor", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        var model = new AdamNet();
        ITrainableModel<AdamNet> trainable = model;
        trainable.OptimizerState(1).Fill(1e-37f);
        var inputs = new float[AdamNet.BatchSize * AdamNet.InputCount];
        Array.Fill(inputs, 1e-19f);
        int[] labels = TestData.Labels(AdamNet.BatchSize, AdamNet.OutputCount, seed: 5);
        model.ComputeGradients(inputs, labels);
        float[] gradients = model.Gradients.ToArray();
        model.ApplyGradients();
        ReadOnlySpan<float> firstMoments = trainable.OptimizerState(0);
        ReadOnlySpan<float> secondMoments = trainable.OptimizerState(1);
        int tiny = 0;
        for (int i = 0; i < gradients.Length; i++)
        {
            float g = gradients[i];
            Assert.Equal(BitConverter.SingleToInt32Bits(Subnormals.Flush(g * (1f - 0.8f))), BitConverter.SingleToInt32Bits(firstMoments[i]));
            bool squarable = MathF.Abs(g) >= floor;
            float square = squarable ? g * g * (1f - 0.99f) : 0f;
            float expected = Subnormals.Flush((1e-37f * 0.99f) + square);
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(secondMoments[i]),
                $"second moment {i} (gradient {g:G9}): {secondMoments[i]:G9}, expected {expected:G9}.");
            tiny += g != 0 && !squarable && (1e-37f * 0.99f) + (g * g * (1f - 0.99f)) != 1e-37f * 0.99f ? 1 : 0;
        }

        Assert.True(tiny >= 30, $"Only {tiny} gradients were tiny enough to matter; the test needs the first layer's.");
    }

    [Fact]
    public void Sgd_momentum_state_never_turns_subnormal() => DecayingStateStaysNormal<SgdMomentumNet>();

    [Fact]
    public void Adam_state_never_turns_subnormal() => DecayingStateStaysNormal<AdamNet>();

    [Fact]
    public void AdamW_state_never_turns_subnormal() => DecayingStateStaysNormal<AdamWNet>();

    [Fact]
    public void RmsProp_state_never_turns_subnormal() => DecayingStateStaysNormal<RmsPropNet>();

    [Fact]
    public void RmsProp_momentum_state_never_turns_subnormal() => DecayingStateStaysNormal<RmsPropMomentumNet>();

    [Fact]
    public void AdaGrad_state_never_turns_subnormal() => DecayingStateStaysNormal<AdaGradNet>();

    [Fact]
    public void Softmax_gives_logits_far_below_the_largest_a_probability_of_zero_and_the_loss_of_the_reference()
    {
        // Row 0: a class 100 below the largest; row 1: the label itself 120 below the largest. (Either
        // the clamp of such logits or the flush of the probabilities would give these zeros; the clamp
        // is there so that the exponential itself never computes a subnormal value.)
        float[] logits = [0f, -100f, -3f, 20f, -100f, -100f];
        int[] labels = [0, 2];
        var probabilities = new float[6];
        var gradient = new float[6];
        float loss = LossKernels.SoftmaxCrossEntropy(logits, labels, probabilities, gradient, rows: 2, classes: 3);

        Assert.Equal(0f, probabilities[1]);
        Assert.Equal(0f, probabilities[4]);
        Assert.Equal(0f, probabilities[5]);
        Assert.Equal(0f, gradient[1]);
        Assert.All(probabilities, p => Assert.False(float.IsSubnormal(p)));
        Assert.All(gradient, g => Assert.False(float.IsSubnormal(g)));
        double expected = (LogSumExp(0, -100, -3) - 0 + (LogSumExp(20, -100, -100) + 100)) / 2;
        Assert.Equal(expected, loss, 5);
        Assert.Equal(-0.5f, gradient[5], 6); // the label's (0 − 1) / rows
    }

    [Fact]
    public void Loss_gradients_are_flushed()
    {
        float[] outputs = [Tiny, 1f, 4 * Tiny, 0.5f];
        float[] targets = [0f, 1f, 0f, 0.25f];
        var gradient = new float[4];
        LossKernels.MeanSquaredError(outputs, targets, gradient, 4);
        Assert.Equal([0f, 0f, 0f, 0.125f], gradient);
        LossKernels.Huber(outputs, targets, gradient, 4, delta: 1f);
        Assert.Equal([0f, 0f, 0f, 0.0625f], gradient);

        // The sigmoid of −88 is about 6e-39, subnormal, and so is its gradient against a target of 0.
        var probabilities = new float[2];
        var binary = new float[2];
        LossKernels.BinaryCrossEntropy([-88f, 0f], [0f, 1f], probabilities, binary, 2);
        Assert.Equal(0f, binary[0]);
        Assert.Equal(-0.25f, binary[1], 6);
    }

    [Fact]
    public void Activation_derivatives_flush_the_gradients_they_pass_back()
    {
        // 37 values: the vector loop and the scalar tail of ReLU's backward pass.
        var outputs = new float[37];
        var negative = new float[37];
        var inputs = new float[37];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = 0.5f;
            negative[i] = -0.5f;
            inputs[i] = 1f;
        }

        AssertFlushed(g => ActivationKernels.ReLUBackward(outputs, g), derivative: 1f);
        AssertFlushed(g => ActivationKernels.LeakyReLUBackward(outputs, g, 0.1f), derivative: 1f);
        AssertFlushed(g => ActivationKernels.LeakyReLUBackward(negative, g, 0.1f), derivative: 0.1f);
        AssertFlushed(g => ActivationKernels.SigmoidBackward(outputs, g), derivative: 0.25f);
        AssertFlushed(g => ActivationKernels.TanhBackward(outputs, g), derivative: 0.75f);
        AssertFlushed(g => ActivationKernels.GeluBackward(inputs, g), derivative: GeluDerivativeAtOne());
    }

    /// <summary>
    /// Gradients of 1e-39 (subnormal), −1.5e-38 (normal, but below the threshold, and subnormal after
    /// most derivatives) and 1e-3 alternate: only the last must come back, times the derivative, with
    /// the bits of that product; the others as +0.
    /// </summary>
    private static void AssertFlushed(Action<float[]> backward, float derivative)
    {
        var gradient = new float[37];
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = (i % 3) switch { 0 => Tiny, 1 => -1.5e-38f, _ => 1e-3f };
        }

        backward(gradient);
        for (int i = 0; i < gradient.Length; i++)
        {
            float expected = i % 3 == 2 ? 1e-3f * derivative : 0f;
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(gradient[i]),
                $"gradient[{i}] is {gradient[i]:G9}; expected {expected:G9}.");
        }
    }

    private static float GeluDerivativeAtOne()
    {
        var gradient = new float[] { 1f };
        ActivationKernels.GeluBackward([1f], gradient);
        return gradient[0];
    }

    private static double LogSumExp(params double[] values)
    {
        double max = double.NegativeInfinity;
        foreach (double value in values)
        {
            max = Math.Max(max, value);
        }

        double sum = 0;
        foreach (double value in values)
        {
            sum += Math.Exp(value - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>
    /// Inputs of zero give the first layer's weights a gradient of exactly zero, so their state only
    /// decays (AdaGrad's sum stays as it is). The state starts at magnitudes from 1e-44 (subnormal) to
    /// 1e-35, over the vector loops and the scalar tail of the update. (Momentum buffers could be
    /// negative; flushing treats both signs alike, see the flush tests above.)
    /// </summary>
    private static void DecayingStateStaysNormal<TModel>()
        where TModel : class, ITrainableModel<TModel>, new()
    {
        var model = new TModel();
        var inputs = new float[TModel.BatchSize * TModel.InputCount];
        int[] labels = TestData.Labels(TModel.BatchSize, TModel.OutputCount, seed: 5);
        for (int s = 0; s < TModel.OptimizerStates.Length; s++)
        {
            Span<float> state = model.OptimizerState(s);
            for (int i = 0; i < state.Length; i++)
            {
                // Positive: second moments and sums of squares cannot be negative.
                state[i] = MathF.Pow(10f, -44f + (9f * (i % 19) / 18f));
            }
        }

        for (int step = 1; step <= 3; step++)
        {
            model.ComputeGradients(inputs, labels);
            int zeroGradients = 0;
            foreach (float gradient in model.Gradients)
            {
                zeroGradients += gradient == 0 ? 1 : 0;
            }

            Assert.True(zeroGradients >= TModel.InputCount * 13, $"{typeof(TModel).Name}: the first layer's weights should have no gradient; {zeroGradients} zeros.");
            model.ApplyGradients();
            foreach (float parameter in model.Parameters)
            {
                Assert.True(float.IsFinite(parameter), $"{typeof(TModel).Name}, step {step}: a parameter is {parameter}.");
            }

            for (int s = 0; s < TModel.OptimizerStates.Length; s++)
            {
                ReadOnlySpan<float> state = model.OptimizerState(s);
                int kept = 0;
                for (int i = 0; i < state.Length; i++)
                {
                    Assert.False(float.IsSubnormal(state[i]), $"{typeof(TModel).Name}, step {step}: {TModel.OptimizerStates[s]}[{i}] is subnormal ({state[i]:G9}).");
                    kept += state[i] != 0 ? 1 : 0;
                }

                // The largest starting magnitudes, 1e-35, are normal for many steps yet: not flushed.
                Assert.True(kept > 0, $"{typeof(TModel).Name}, step {step}: all of {TModel.OptimizerStates[s]} was flushed.");
            }
        }
    }
}
