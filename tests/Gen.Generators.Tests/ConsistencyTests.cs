using System;
using System.Linq;
using Gen.Generators.Model;
using Xunit;
using Kinds = Gen.Generators.Model;

namespace Gen.Generators.Tests;

/// <summary>
/// The generator cannot reference the runtime, so it keeps its own copy of the attributes'
/// defaults and enums. These tests hold the copies equal to the runtime's.
/// </summary>
public sealed class ConsistencyTests
{
    [Fact]
    public void LayerAndLossDefaultsMatchTheRuntime()
    {
        var dense = new DenseAttribute(1);
        Assert.Equal(Defaults.NegativeSlope, dense.NegativeSlope);
        Assert.Equal(Activation.Identity, dense.Activation);
        Assert.Equal(Defaults.HuberDelta, new LossAttribute(LossKind.Huber).Delta);
    }

    [Fact]
    public void TrainingDefaultsMatchTheRuntime()
    {
        var training = new TrainingAttribute();
        Assert.Equal(Defaults.BatchSize, training.BatchSize);
        Assert.Equal(Defaults.Epochs, training.Epochs);
    }

    [Fact]
    public void ModelDefaultsMatchWhatTheReaderAssumes()
    {
        // The reader takes 0 for an unwritten Inputs or Seed.
        var model = new ModelAttribute();
        Assert.Equal(0, model.Inputs);
        Assert.Equal(0, model.Seed);
    }

    [Fact]
    public void SgdDefaultsMatchTheRuntime()
    {
        var sgd = new SgdAttribute();
        Assert.Equal(Defaults.SgdLearningRate, sgd.LearningRate);
        Assert.Equal(Defaults.LearningRate(OptimizerKind.Sgd), sgd.LearningRate);
        Assert.Equal(0f, sgd.Momentum);
        Assert.False(sgd.Nesterov);
    }

    [Fact]
    public void AdamDefaultsMatchTheRuntime()
    {
        var adam = new AdamAttribute();
        Assert.Equal(Defaults.AdamLearningRate, adam.LearningRate);
        Assert.Equal(Defaults.LearningRate(OptimizerKind.Adam), adam.LearningRate);
        Assert.Equal(Defaults.Beta1, adam.Beta1);
        Assert.Equal(Defaults.Beta2, adam.Beta2);
        Assert.Equal(Defaults.AdamEpsilon, adam.Epsilon);
        Assert.Equal(Defaults.Epsilon(OptimizerKind.Adam), adam.Epsilon);
    }

    [Fact]
    public void AdamWDefaultsMatchTheRuntime()
    {
        var adamW = new AdamWAttribute();
        Assert.Equal(Defaults.LearningRate(OptimizerKind.AdamW), adamW.LearningRate);
        Assert.Equal(Defaults.Beta1, adamW.Beta1);
        Assert.Equal(Defaults.Beta2, adamW.Beta2);
        Assert.Equal(Defaults.Epsilon(OptimizerKind.AdamW), adamW.Epsilon);
        Assert.Equal(Defaults.AdamWWeightDecay, adamW.WeightDecay);
    }

    [Fact]
    public void RmsPropDefaultsMatchTheRuntime()
    {
        var rmsProp = new RmsPropAttribute();
        Assert.Equal(Defaults.RmsPropLearningRate, rmsProp.LearningRate);
        Assert.Equal(Defaults.LearningRate(OptimizerKind.RmsProp), rmsProp.LearningRate);
        Assert.Equal(Defaults.RmsPropAlpha, rmsProp.Alpha);
        Assert.Equal(Defaults.RmsPropEpsilon, rmsProp.Epsilon);
        Assert.Equal(Defaults.Epsilon(OptimizerKind.RmsProp), rmsProp.Epsilon);
        Assert.Equal(0f, rmsProp.Momentum);
    }

    [Fact]
    public void AdaGradDefaultsMatchTheRuntime()
    {
        var adaGrad = new AdaGradAttribute();
        Assert.Equal(Defaults.AdaGradLearningRate, adaGrad.LearningRate);
        Assert.Equal(Defaults.LearningRate(OptimizerKind.AdaGrad), adaGrad.LearningRate);
        Assert.Equal(Defaults.AdaGradEpsilon, adaGrad.Epsilon);
        Assert.Equal(Defaults.Epsilon(OptimizerKind.AdaGrad), adaGrad.Epsilon);
    }

    [Fact]
    public void EveryOptimizerAttributeIsKnownToTheReader()
    {
        // Each runtime optimizer attribute has a generator kind, and each kind an attribute.
        var optimizerAttributes = typeof(ModelAttribute).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Gen" && typeof(Attribute).IsAssignableFrom(t))
            .Where(t => t.GetProperty("LearningRate") is not null)
            .Select(t => t.FullName!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        Assert.All(optimizerAttributes, name => Assert.NotNull(ModelReader.OptimizerKindOf(name)));
        Assert.Equal(
            Enum.GetValues<OptimizerKind>().Length,
            optimizerAttributes.Select(ModelReader.OptimizerKindOf).Distinct().Count());
    }

    [Fact]
    public void AttributeNamesNameRuntimeAttributes()
    {
        var names = typeof(AttributeNames)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!);
        Assert.All(names, name => Assert.NotNull(typeof(ModelAttribute).Assembly.GetType(name)));
    }

    [Fact]
    public void ActivationMirrorMatchesTheRuntime() =>
        AssertSameEnum<Activation, ActivationKind>();

    [Fact]
    public void LossKindMirrorMatchesTheRuntime() =>
        AssertSameEnum<Gen.LossKind, Kinds.LossKind>();

    private static void AssertSameEnum<TRuntime, TMirror>()
        where TRuntime : struct, Enum
        where TMirror : struct, Enum
    {
        var runtime = Enum.GetValues<TRuntime>().Select(v => (v.ToString(), Convert.ToInt32(v))).ToList();
        var mirror = Enum.GetValues<TMirror>().Select(v => (v.ToString(), Convert.ToInt32(v))).ToList();
        Assert.Equal(runtime, mirror);
    }
}
