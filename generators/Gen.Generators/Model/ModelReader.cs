using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Model;

/// <summary>
/// Reads Gen's attributes on a class into a <see cref="ModelDeclaration"/>. This is the only place
/// that interprets attribute arguments, so the generator and the analyzers always agree on what a
/// declaration means. It never throws on malformed input: arguments the compiler could not bind
/// are recorded in <see cref="ModelDeclaration.Malformed"/>.
/// </summary>
internal static class ModelReader
{
    /// <summary>Reads the model declared on <paramref name="type"/>, or null when it has no <c>[Model]</c>.</summary>
    public static ModelDeclaration? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        DeclaredAttribute? model = null;
        var layers = ImmutableArray.CreateBuilder<DeclaredLayer>();
        var losses = ImmutableArray.CreateBuilder<DeclaredLoss>();
        var optimizers = ImmutableArray.CreateBuilder<DeclaredOptimizer>();
        var trainings = ImmutableArray.CreateBuilder<DeclaredTraining>();
        var malformed = ImmutableArray.CreateBuilder<DeclaredAttribute>();
        var layerTrees = new HashSet<SyntaxReferenceKey>();
        var sequence = ImmutableArray.CreateBuilder<DeclaredLayer>();
        var l1 = ImmutableArray.CreateBuilder<DeclaredValue>();
        var l2 = ImmutableArray.CreateBuilder<DeclaredValue>();
        var clips = ImmutableArray.CreateBuilder<DeclaredValue>();
        var schedules = ImmutableArray.CreateBuilder<DeclaredSchedule>();
        var warmups = ImmutableArray.CreateBuilder<DeclaredWarmup>();
        var plateaus = ImmutableArray.CreateBuilder<DeclaredPlateau>();
        var earlyStoppings = ImmutableArray.CreateBuilder<DeclaredEarlyStopping>();

        foreach (AttributeData data in InSourceOrder(type.GetAttributes()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? name = data.AttributeClass?.ToDisplayString();
            if (name is null || !name.StartsWith("Gen.", StringComparison.Ordinal))
            {
                continue;
            }

            var attribute = new DeclaredAttribute(data);
            if (IsKnown(name) && !IsWellFormed(data))
            {
                malformed.Add(attribute);
                continue;
            }

            switch (name)
            {
                case AttributeNames.Model:
                    if (model is null)
                    {
                        model = attribute;
                    }
                    else
                    {
                        // [Model] allows one use; the compiler reports a second (CS0579).
                        malformed.Add(attribute);
                    }

                    break;
                case AttributeNames.Dense:
                    var dense = new DeclaredLayer(
                        attribute,
                        LayerKind.Dense,
                        units: Positional(data, 0, 0),
                        activation: (ActivationKind)Positional(data, 1, (int)ActivationKind.Identity),
                        negativeSlope: Named(data, "NegativeSlope", Defaults.NegativeSlope));
                    layers.Add(dense);
                    sequence.Add(dense);
                    layerTrees.Add(SyntaxReferenceKey.Of(data));
                    break;
                case AttributeNames.Dropout:
                    sequence.Add(DeclaredLayer.Dropout(attribute, PositionalFloat(data, 0, 0f)));
                    layerTrees.Add(SyntaxReferenceKey.Of(data));
                    break;
                case AttributeNames.BatchNorm:
                    sequence.Add(DeclaredLayer.BatchNorm(attribute, Named(data, "Momentum", Defaults.BatchNormMomentum), Named(data, "Epsilon", Defaults.BatchNormEpsilon)));
                    layerTrees.Add(SyntaxReferenceKey.Of(data));
                    break;
                case AttributeNames.L1:
                    l1.Add(new DeclaredValue(attribute, PositionalFloat(data, 0, 0f)));
                    break;
                case AttributeNames.L2:
                    l2.Add(new DeclaredValue(attribute, PositionalFloat(data, 0, 0f)));
                    break;
                case AttributeNames.ClipGradientNorm:
                    clips.Add(new DeclaredValue(attribute, PositionalFloat(data, 0, 0f)));
                    break;
                case AttributeNames.StepDecay:
                    schedules.Add(new DeclaredSchedule(attribute, ScheduleKind.StepDecay, Named(data, "StepEpochs", Defaults.StepDecayStepEpochs), Named(data, "Gamma", Defaults.StepDecayGamma)));
                    break;
                case AttributeNames.ExponentialDecay:
                    schedules.Add(new DeclaredSchedule(attribute, ScheduleKind.ExponentialDecay, 0, Named(data, "Gamma", Defaults.ExponentialDecayGamma)));
                    break;
                case AttributeNames.LinearDecay:
                    schedules.Add(new DeclaredSchedule(attribute, ScheduleKind.LinearDecay, Named(data, "Epochs", Defaults.LinearDecayEpochs), Named(data, "EndFactor", Defaults.LinearDecayEndFactor)));
                    break;
                case AttributeNames.CosineDecay:
                    schedules.Add(new DeclaredSchedule(attribute, ScheduleKind.CosineDecay, Named(data, "Epochs", Defaults.CosineDecayEpochs), Named(data, "MinLearningRate", Defaults.CosineDecayMinLearningRate)));
                    break;
                case AttributeNames.Warmup:
                    warmups.Add(new DeclaredWarmup(attribute, Named(data, "Epochs", 0), Named(data, "Steps", 0)));
                    break;
                case AttributeNames.ReduceOnPlateau:
                    plateaus.Add(new DeclaredPlateau(attribute, Named(data, "Factor", Defaults.ReduceOnPlateauFactor), Named(data, "Patience", Defaults.ReduceOnPlateauPatience)));
                    break;
                case AttributeNames.EarlyStopping:
                    earlyStoppings.Add(new DeclaredEarlyStopping(
                        attribute,
                        Named(data, "Patience", Defaults.EarlyStoppingPatience),
                        Named(data, "MinDelta", Defaults.EarlyStoppingMinDelta),
                        (MetricKind)Named(data, "Monitor", (int)MetricKind.ValidationLoss),
                        Named(data, "RestoreBestWeights", Defaults.EarlyStoppingRestoreBestWeights)));
                    break;
                case AttributeNames.Loss:
                    losses.Add(new DeclaredLoss(attribute, (LossKind)Positional(data, 0, 0), Named(data, "Delta", Defaults.HuberDelta)));
                    break;
                case AttributeNames.Training:
                    trainings.Add(new DeclaredTraining(attribute, Named(data, "BatchSize", Defaults.BatchSize), Named(data, "Epochs", Defaults.Epochs), Named(data, "ValidationFraction", Defaults.ValidationFraction)));
                    break;
                default:
                    if (OptimizerKindOf(name) is OptimizerKind kind)
                    {
                        optimizers.Add(ReadOptimizer(attribute, kind));
                    }

                    break;
            }
        }

        if (model is null)
        {
            return null;
        }

        return new ModelDeclaration(
            type,
            model,
            inputs: Named(model.Data, "Inputs", 0),
            seed: Named(model.Data, "Seed", 0),
            layers.ToImmutable(),
            losses.ToImmutable(),
            optimizers.ToImmutable(),
            trainings.ToImmutable(),
            malformed.ToImmutable(),
            layersOnSeveralParts: layerTrees.Select(k => k.Declaration).Distinct().Count() > 1,
            sequence.ToImmutable(),
            new DeclaredTechniques
            {
                L1 = l1.ToImmutable(),
                L2 = l2.ToImmutable(),
                ClipGradientNorm = clips.ToImmutable(),
                Schedules = schedules.ToImmutable(),
                Warmups = warmups.ToImmutable(),
                Plateaus = plateaus.ToImmutable(),
                EarlyStoppings = earlyStoppings.ToImmutable(),
            });
    }

    private static DeclaredOptimizer ReadOptimizer(DeclaredAttribute attribute, OptimizerKind kind)
    {
        AttributeData data = attribute.Data;
        return new DeclaredOptimizer(
            attribute,
            kind,
            learningRate: Named(data, "LearningRate", Defaults.LearningRate(kind)),
            beta1: Named(data, "Beta1", Defaults.Beta1),
            beta2: Named(data, "Beta2", Defaults.Beta2),
            epsilon: Named(data, "Epsilon", Defaults.Epsilon(kind)),
            weightDecay: kind == OptimizerKind.AdamW ? Named(data, "WeightDecay", Defaults.AdamWWeightDecay) : 0f,
            alpha: Named(data, "Alpha", Defaults.RmsPropAlpha),
            momentum: Named(data, "Momentum", 0f),
            nesterov: Named(data, "Nesterov", false));
    }

    public static OptimizerKind? OptimizerKindOf(string attributeName) => attributeName switch
    {
        AttributeNames.Sgd => OptimizerKind.Sgd,
        AttributeNames.Adam => OptimizerKind.Adam,
        AttributeNames.AdamW => OptimizerKind.AdamW,
        AttributeNames.RmsProp => OptimizerKind.RmsProp,
        AttributeNames.AdaGrad => OptimizerKind.AdaGrad,
        _ => null,
    };

    private static bool IsKnown(string name) =>
        name is AttributeNames.Model or AttributeNames.Dense or AttributeNames.Loss or AttributeNames.Training
            or AttributeNames.Dropout or AttributeNames.BatchNorm or AttributeNames.L1 or AttributeNames.L2
            or AttributeNames.ClipGradientNorm or AttributeNames.StepDecay or AttributeNames.ExponentialDecay
            or AttributeNames.LinearDecay or AttributeNames.CosineDecay or AttributeNames.Warmup
            or AttributeNames.ReduceOnPlateau or AttributeNames.EarlyStopping
        || OptimizerKindOf(name) is not null;

    /// <summary>
    /// False when the compiler could not bind the attribute: no constructor matched, or an argument
    /// is not a constant of the expected type. The compiler reports those errors itself.
    /// </summary>
    private static bool IsWellFormed(AttributeData data)
    {
        if (data.AttributeConstructor is null)
        {
            return false;
        }

        foreach (TypedConstant argument in data.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Error)
            {
                return false;
            }
        }

        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Error)
            {
                return false;
            }
        }

        return IsWellFormedSyntax(data);
    }

    /// <summary>
    /// False when the attribute as written has an error the compiler recovers from while still
    /// binding it: a syntax error in its attribute list (a missing <c>)</c> or <c>]</c>), or a named
    /// argument that is no property of the attribute (the compiler drops it from the bound data).
    /// </summary>
    private static bool IsWellFormedSyntax(AttributeData data)
    {
        if (data.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax)
        {
            return true;
        }

        if (syntax.ContainsDiagnostics || (syntax.Parent?.ContainsDiagnostics ?? false))
        {
            return false;
        }

        if (syntax.ArgumentList is null)
        {
            return true;
        }

        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is { } nameEquals && !IsBound(data, nameEquals.Name.Identifier.ValueText))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBound(AttributeData data, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    private static float PositionalFloat(AttributeData data, int index, float fallback) =>
        index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Value is float value ? value : fallback;

    private static int Positional(AttributeData data, int index, int fallback) =>
        index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Value is int value ? value : fallback;

    private static T Named<T>(AttributeData data, string name, T fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return fallback;
    }

    /// <summary>
    /// Attributes in the order they are written: by file, then by position. Roslyn returns one
    /// part's attributes in source order, but gives no order across the parts of a partial class.
    /// </summary>
    private static IEnumerable<AttributeData> InSourceOrder(ImmutableArray<AttributeData> attributes) =>
        attributes
            .Select((data, index) => (data, index, key: SyntaxReferenceKey.Of(data)))
            .OrderBy(a => a.key.Path, StringComparer.Ordinal)
            .ThenBy(a => a.key.Position)
            .ThenBy(a => a.index)
            .Select(a => a.data);

    /// <summary>Where an attribute is written: the file, the position, and which attribute list's parent declaration.</summary>
    private readonly struct SyntaxReferenceKey : IEquatable<SyntaxReferenceKey>
    {
        private SyntaxReferenceKey(string path, int position, int declaration)
        {
            Path = path;
            Position = position;
            Declaration = declaration;
        }

        public string Path { get; }
        public int Position { get; }

        /// <summary>Identifies the type declaration (partial part) the attribute is written on.</summary>
        public int Declaration { get; }

        public static SyntaxReferenceKey Of(AttributeData data)
        {
            SyntaxReference? reference = data.ApplicationSyntaxReference;
            if (reference is null)
            {
                return new SyntaxReferenceKey(string.Empty, 0, 0);
            }

            // The attribute's syntax is AttributeSyntax → AttributeListSyntax → the type declaration.
            SyntaxNode? declaration = reference.GetSyntax().Parent?.Parent;
            int declarationKey = declaration is null
                ? 0
                : unchecked((reference.SyntaxTree.FilePath.GetHashCode() * 397) ^ declaration.SpanStart);
            return new SyntaxReferenceKey(reference.SyntaxTree.FilePath ?? string.Empty, reference.Span.Start, declarationKey);
        }

        public bool Equals(SyntaxReferenceKey other) => Declaration == other.Declaration && Path == other.Path && Position == other.Position;

        public override bool Equals(object? obj) => obj is SyntaxReferenceKey other && Equals(other);

        public override int GetHashCode() => Declaration;
    }
}
