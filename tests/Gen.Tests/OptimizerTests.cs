using System;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Each optimizer, step by step, against its reference formula (PyTorch's update rules) computed
/// in double precision from the same gradients. Several steps, so that momentum, moment estimates
/// and bias correction all take part.
/// </summary>
public sealed class OptimizerTests
{
    private const int Steps = 6;

    [Fact]
    public void Sgd_matches_reference() =>
        Run<SgdNet>((p, g, s, t, lr) => p - (lr * g));

    [Fact]
    public void Sgd_momentum_matches_reference() =>
        Run<SgdMomentumNet>((p, g, s, t, lr) =>
        {
            s[0] = (0.8 * s[0]) + g;
            return p - (lr * s[0]);
        });

    [Fact]
    public void Sgd_nesterov_matches_reference() =>
        Run<SgdNesterovNet>((p, g, s, t, lr) =>
        {
            s[0] = (0.7 * s[0]) + g;
            return p - (lr * (g + (0.7 * s[0])));
        });

    [Fact]
    public void Adam_matches_reference() =>
        Run<AdamNet>((p, g, s, t, lr) => AdamStep(p, g, s, t, lr, beta1: 0.8, beta2: 0.99, epsilon: 1e-6));

    [Fact]
    public void AdamW_matches_reference() =>
        Run<AdamWNet>((p, g, s, t, lr) => AdamStep(p * (1 - (lr * 0.1)), g, s, t, lr, beta1: 0.85, beta2: 0.995, epsilon: 1e-7));

    [Fact]
    public void RmsProp_matches_reference() =>
        Run<RmsPropNet>((p, g, s, t, lr) =>
        {
            s[0] = (0.9 * s[0]) + (0.1 * g * g);
            return p - (lr * g / (Math.Sqrt(s[0]) + 1e-6));
        });

    [Fact]
    public void RmsProp_momentum_matches_reference() =>
        Run<RmsPropMomentumNet>((p, g, s, t, lr) =>
        {
            s[0] = (0.95 * s[0]) + (0.05 * g * g);
            s[1] = (0.6 * s[1]) + (g / (Math.Sqrt(s[0]) + 1e-7));
            return p - (lr * s[1]);
        });

    [Fact]
    public void AdaGrad_matches_reference() =>
        Run<AdaGradNet>((p, g, s, t, lr) =>
        {
            s[0] += g * g;
            return p - (lr * g / (Math.Sqrt(s[0]) + 1e-6));
        });

    [Fact]
    public void A_changed_learning_rate_takes_effect_on_the_next_step()
    {
        var harness = new ModelHarness<SgdNet>(rows: 8, seed: 3);
        float[] before = harness.Model.Parameters.ToArray();
        harness.Model.LearningRate = 0.5f;
        harness.ComputeGradients();
        float[] gradients = harness.Model.Gradients.ToArray();
        harness.Model.ApplyGradients();
        for (int i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i] - (0.5f * gradients[i]), harness.Model.Parameters[i], 6);
        }
    }

    private static double AdamStep(double p, double g, double[] s, int t, double lr, double beta1, double beta2, double epsilon)
    {
        s[0] = (beta1 * s[0]) + ((1 - beta1) * g);
        s[1] = (beta2 * s[1]) + ((1 - beta2) * g * g);
        double stepSize = lr / (1 - Math.Pow(beta1, t));
        double denominator = (Math.Sqrt(s[1]) / Math.Sqrt(1 - Math.Pow(beta2, t))) + epsilon;
        return p - (stepSize * s[0] / denominator);
    }

    /// <summary>
    /// The reference takes a parameter, its gradient, that parameter's state (two doubles),
    /// the step number from 1 and the learning rate, and returns the updated parameter.
    /// </summary>
    private delegate double Reference(double parameter, double gradient, double[] state, int step, double learningRate);

    private static void Run<TModel>(Reference reference)
        where TModel : class, ITrainableModel<TModel>, new()
    {
        var harness = new ModelHarness<TModel>(rows: TModel.BatchSize, seed: 21);
        TModel model = harness.Model;
        int count = model.Parameters.Length;
        var state = new double[count][];
        for (int i = 0; i < count; i++)
        {
            state[i] = new double[2];
        }

        for (int step = 1; step <= Steps; step++)
        {
            double[] expected = new double[count];
            harness.ComputeGradients();
            ReadOnlySpan<float> gradients = model.Gradients;
            Span<float> parameters = model.Parameters;
            for (int i = 0; i < count; i++)
            {
                expected[i] = reference(parameters[i], gradients[i], state[i], step, model.LearningRate);
            }

            model.ApplyGradients();
            Assert.Equal(step, model.StepCount);
            parameters = model.Parameters;
            int moved = 0;
            for (int i = 0; i < count; i++)
            {
                double tolerance = 1e-6 + (2e-6 * Math.Abs(expected[i]));
                Assert.True(
                    Math.Abs(parameters[i] - expected[i]) <= tolerance,
                    $"{typeof(TModel).Name}, step {step}, parameter {i}: got {parameters[i]:G9}, the reference gives {expected[i]:G9}.");
                moved += gradients[i] != 0 ? 1 : 0;
            }

            Assert.True(moved > count / 2, "Most parameters must have a gradient, or the comparison proves little.");
        }
    }
}
