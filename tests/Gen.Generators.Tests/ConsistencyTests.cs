using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
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

    /// <summary>Defaults whose names do not follow <c>&lt;Attribute&gt;&lt;Property&gt;</c>.</summary>
    private static readonly Dictionary<string, (Type Attribute, string Property)> Aliases = new()
    {
        [nameof(Defaults.NegativeSlope)] = (typeof(DenseAttribute), nameof(DenseAttribute.NegativeSlope)),
        [nameof(Defaults.HuberDelta)] = (typeof(LossAttribute), nameof(LossAttribute.Delta)),
        [nameof(Defaults.BatchSize)] = (typeof(TrainingAttribute), nameof(TrainingAttribute.BatchSize)),
        [nameof(Defaults.Epochs)] = (typeof(TrainingAttribute), nameof(TrainingAttribute.Epochs)),
        [nameof(Defaults.Beta1)] = (typeof(AdamAttribute), nameof(AdamAttribute.Beta1)),
        [nameof(Defaults.Beta2)] = (typeof(AdamAttribute), nameof(AdamAttribute.Beta2)),
        ["ValidationFraction"] = (typeof(TrainingAttribute), "ValidationFraction"),
    };

    [Fact]
    public void EveryDefaultIsARuntimeAttributesInitialValue()
    {
        // Each constant of Defaults names its attribute and property, as StepDecayGamma names
        // StepDecayAttribute.Gamma (or is listed in Aliases), and equals what a new attribute holds.
        // A default added to either side without the other fails here.
        var attributes = typeof(ModelAttribute).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Gen" && typeof(Attribute).IsAssignableFrom(t) && t.Name.EndsWith("Attribute", StringComparison.Ordinal))
            .ToList();
        var fields = typeof(Defaults).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        Assert.NotEmpty(fields);

        foreach (FieldInfo field in fields)
        {
            (Type Attribute, string Property)? target = Aliases.TryGetValue(field.Name, out var alias)
                ? alias
                : attributes
                    .Select(t => (Attribute: t, Prefix: t.Name[..^"Attribute".Length]))
                    .Where(a => field.Name.StartsWith(a.Prefix, StringComparison.Ordinal) && a.Attribute.GetProperty(field.Name[a.Prefix.Length..]) is not null)
                    .OrderByDescending(a => a.Prefix.Length)
                    .Select(a => ((Type, string)?)(a.Attribute, field.Name[a.Prefix.Length..]))
                    .FirstOrDefault();
            Assert.True(target is not null, $"Defaults.{field.Name} names no property of a runtime attribute; name it <Attribute><Property> or list it in Aliases.");

            (Type type, string property) = target!.Value;
            PropertyInfo? info = type.GetProperty(property);
            Assert.True(info is not null, $"{type.Name} has no property {property} (for Defaults.{field.Name}).");
            object? runtime = info!.GetValue(CreateWithDefaults(type));
            Assert.True(
                Equals(field.GetRawConstantValue(), runtime),
                $"Defaults.{field.Name} is {field.GetRawConstantValue()}, but a new {type.Name} has {property} = {runtime}.");
        }
    }

    /// <summary>A new attribute from its shortest constructor, with zero for each required argument.</summary>
    private static object CreateWithDefaults(Type type)
    {
        ConstructorInfo constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        object?[] arguments = constructor.GetParameters()
            .Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return constructor.Invoke(arguments);
    }

    [Fact]
    public void EveryMirrorEnumMatchesItsRuntimeEnum()
    {
        // A generator enum XKind that mirrors a runtime enum X (or XKind) has its names and values.
        var runtime = typeof(ModelAttribute).Assembly.GetExportedTypes().Where(t => t.IsEnum && t.Namespace == "Gen").ToList();
        var mirrors = typeof(Defaults).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(Defaults).Namespace && t.Name.EndsWith("Kind", StringComparison.Ordinal))
            .ToList();
        int compared = 0;
        foreach (Type mirror in mirrors)
        {
            Type? original = runtime.FirstOrDefault(t => t.Name == mirror.Name || t.Name + "Kind" == mirror.Name);
            if (original is null)
            {
                continue; // The generator's own (OptimizerKind, LayerKind...), no runtime enum to follow.
            }

            Assert.Equal(Members(original), Members(mirror));
            compared++;
        }

        Assert.True(compared >= 2, "Activation and LossKind, at least, have mirrors.");

        static List<(string, long)> Members(Type type) =>
            Enum.GetValues(type).Cast<object>().Select(v => (v.ToString()!, Convert.ToInt64(v))).OrderBy(m => m.Item2).ToList();
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
