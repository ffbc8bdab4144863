using System;
using System.Runtime.Intrinsics;
using Gen.Kernels;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Optimizer state that decays while its gradient is zero is flushed to zero before it turns
/// subnormal (which costs a microcode assist per operation on Intel cores), and normal state is
/// left alone: <see cref="OptimizerTests"/> checks normal values against the reference formulas.
/// </summary>
public sealed class SubnormalStateTests
{
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
            for (int lane = 0; lane < lanes.Length; lane++)
            {
                int expected = BitConverter.SingleToInt32Bits(Subnormals.Flush(lanes[lane]));
                Assert.Equal(expected, BitConverter.SingleToInt32Bits(wide[lane]));
                if (lane < 8)
                {
                    Assert.Equal(expected, BitConverter.SingleToInt32Bits(narrow[lane]));
                }
            }
        }
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

    /// <summary>
    /// Inputs of zero give the first layer's weights a gradient of exactly zero, so their state only
    /// decays (AdaGrad's sum stays as it is). The state starts at magnitudes from 1e-44 (subnormal) to
    /// 1e-35, over the vector loops and the scalar tail of the update.
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
                float magnitude = MathF.Pow(10f, -44f + (9f * (i % 19) / 18f));
                state[i] = i % 2 == 0 ? magnitude : -magnitude;
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
