using System;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Every activation × loss combination, and batch normalization, dropout and weight penalties:
/// the generated backward pass against central finite differences of the generated training-mode
/// loss, parameter by parameter. (Dropout's mask depends only on the seed, layer and step, so the
/// loss is a deterministic function of the parameters between two optimizer steps.)
/// </summary>
public sealed class GradientCheckTests
{
    public static TheoryData<IGradientCase> Cases => new()
    {
        { new GradientCase<IdentityMeanSquaredErrorNet>() },
        { new GradientCase<IdentityMeanAbsoluteErrorNet>() },
        { new GradientCase<IdentityHuberNet>() },
        { new GradientCase<IdentityBinaryCrossEntropyNet>() },
        { new GradientCase<IdentitySoftmaxCrossEntropyNet>() },
        { new GradientCase<ReLUMeanSquaredErrorNet>() },
        { new GradientCase<ReLUMeanAbsoluteErrorNet>() },
        { new GradientCase<ReLUHuberNet>() },
        { new GradientCase<ReLUBinaryCrossEntropyNet>() },
        { new GradientCase<ReLUSoftmaxCrossEntropyNet>() },
        { new GradientCase<LeakyReLUMeanSquaredErrorNet>() },
        { new GradientCase<LeakyReLUMeanAbsoluteErrorNet>() },
        { new GradientCase<LeakyReLUHuberNet>() },
        { new GradientCase<LeakyReLUBinaryCrossEntropyNet>() },
        { new GradientCase<LeakyReLUSoftmaxCrossEntropyNet>() },
        { new GradientCase<SigmoidMeanSquaredErrorNet>() },
        { new GradientCase<SigmoidMeanAbsoluteErrorNet>() },
        { new GradientCase<SigmoidHuberNet>() },
        { new GradientCase<SigmoidBinaryCrossEntropyNet>() },
        { new GradientCase<SigmoidSoftmaxCrossEntropyNet>() },
        { new GradientCase<TanhMeanSquaredErrorNet>() },
        { new GradientCase<TanhMeanAbsoluteErrorNet>() },
        { new GradientCase<TanhHuberNet>() },
        { new GradientCase<TanhBinaryCrossEntropyNet>() },
        { new GradientCase<TanhSoftmaxCrossEntropyNet>() },
        { new GradientCase<GELUMeanSquaredErrorNet>() },
        { new GradientCase<GELUMeanAbsoluteErrorNet>() },
        { new GradientCase<GELUHuberNet>() },
        { new GradientCase<GELUBinaryCrossEntropyNet>() },
        { new GradientCase<GELUSoftmaxCrossEntropyNet>() },
        { new GradientCase<WideNet>(sampledParameters: 400) },
        { new GradientCase<BatchNormNet>() },
        { new GradientCase<NormalizedDropoutNet>() },
        { new GradientCase<DropoutNet>() },
        { new GradientCase<PenalizedNet>() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_pass_matches_finite_differences(IGradientCase gradientCase) => gradientCase.Check();

    [Fact]
    public void A_wrong_gradient_is_caught()
    {
        // The check itself must be able to fail: perturbing one analytic gradient must be detected.
        var harness = new ModelHarness<ReLUSoftmaxCrossEntropyNet>(rows: 6, seed: 11);
        harness.ComputeGradients();
        float[] analytic = harness.Model.Gradients.ToArray();
        analytic[3] += 0.05f;
        Assert.ThrowsAny<Exception>(() => GradientCase<ReLUSoftmaxCrossEntropyNet>.Compare(harness, analytic, sampledParameters: 0));
    }
}

public interface IGradientCase
{
    void Check();
}

public sealed class GradientCase<TModel> : IGradientCase
    where TModel : class, ITrainableModel<TModel>, new()
{
    private const float Step = 1e-3f;
    private readonly int _sampledParameters;

    public GradientCase(int sampledParameters = 0) => _sampledParameters = sampledParameters;

    public void Check()
    {
        var harness = new ModelHarness<TModel>(rows: TModel.BatchSize, seed: 5);
        harness.ComputeGradients();
        float[] analytic = harness.Model.Gradients.ToArray();
        Assert.True(MaxAbs(analytic) > 1e-4f, "The gradients are all zero, so the check would prove nothing.");
        Compare(harness, analytic, _sampledParameters);
    }

    /// <summary>Checks <paramref name="analytic"/> against (L(p + h) − L(p − h)) / 2h for each (or a sample of) parameter.</summary>
    internal static void Compare(ModelHarness<TModel> harness, float[] analytic, int sampledParameters)
    {
        Span<float> parameters = harness.Model.Parameters;
        var random = new Random(17);
        int count = sampledParameters > 0 ? sampledParameters : parameters.Length;
        for (int n = 0; n < count; n++)
        {
            int i = sampledParameters > 0 ? random.Next(parameters.Length) : n;
            float original = parameters[i];
            parameters[i] = original + Step;
            double plus = harness.ComputeGradients();
            parameters[i] = original - Step;
            double minus = harness.ComputeGradients();
            parameters[i] = original;
            double numeric = (plus - minus) / (2 * Step);
            double tolerance = 3e-4 + (2e-2 * Math.Abs(numeric));
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= tolerance,
                $"{typeof(TModel).Name}: parameter {i}: backward pass gives {analytic[i]:G6}, finite differences {numeric:G6}.");
        }
    }

    private static float MaxAbs(float[] values)
    {
        float max = 0;
        foreach (float value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }

    public override string ToString() => typeof(TModel).Name;
}
