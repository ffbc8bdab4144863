using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

/// <summary>
/// Turns a declaration that no rule rejects into the generator's <see cref="ModelSpec"/>.
/// </summary>
internal static class ModelSpecBuilder
{
    /// <summary>
    /// The spec of <paramref name="declaration"/>, or null when any error rule rejects it (the
    /// analyzers report why) or when it holds anything the emitter cannot write.
    /// </summary>
    public static ModelSpec? Build(ModelDeclaration declaration)
    {
        foreach (Diagnostic diagnostic in ModelRules.Check(declaration))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return null;
            }
        }

        if (!declaration.Malformed.IsEmpty || declaration.Losses.Length != 1 || declaration.Optimizers.Length != 1
            || declaration.Trainings.Length > 1 || declaration.Layers.IsEmpty)
        {
            return null; // Defensive: the rules reject these; never emit code for them.
        }

        ImmutableArray<LayerSpec>? layers = LayersOf(declaration);
        if (layers is null)
        {
            return null;
        }

        DeclaredLoss loss = declaration.Losses[0];
        DeclaredOptimizer optimizer = declaration.Optimizers[0];
        DeclaredTraining? training = declaration.Trainings.IsEmpty ? null : declaration.Trainings[0];
        if (!Enum.IsDefined(typeof(LossKind), loss.Kind))
        {
            return null;
        }

        return new ModelSpec(
            TypeSpecOf(declaration.Type),
            declaration.Inputs,
            declaration.Seed,
            new EquatableArray<LayerSpec>(layers.Value),
            new LossSpec(loss.Kind, loss.Delta),
            new OptimizerSpec(
                optimizer.Kind, optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2, optimizer.Epsilon,
                optimizer.WeightDecay, optimizer.Alpha, optimizer.Momentum, optimizer.Nesterov),
            new TrainingSpec(training?.BatchSize ?? Defaults.BatchSize, training?.Epochs ?? Defaults.Epochs),
            RegularizationOf(declaration.Techniques),
            PlanOf(declaration.Techniques, training));
    }

    /// <summary>
    /// The dense layers with the batch normalization and dropout written after each. The rules
    /// (GEN009, GEN112) allow only Dense [BatchNorm] [Dropout]; anything else gives no spec.
    /// </summary>
    private static ImmutableArray<LayerSpec>? LayersOf(ModelDeclaration declaration)
    {
        var layers = ImmutableArray.CreateBuilder<LayerSpec>();
        int inputs = declaration.Inputs;
        LayerSpec? current = null;
        foreach (DeclaredLayer layer in declaration.Sequence)
        {
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    if (!Enum.IsDefined(typeof(ActivationKind), layer.Activation))
                    {
                        return null;
                    }

                    if (current is not null)
                    {
                        layers.Add(current);
                    }

                    current = new LayerSpec(layers.Count, LayerKind.Dense, inputs, layer.Units, layer.Activation, layer.NegativeSlope);
                    inputs = layer.Units;
                    break;
                case LayerKind.BatchNorm:
                    if (current is null || current.BatchNorm is not null || current.DropoutRate != 0f
                        || !(layer.Momentum >= 0f && layer.Momentum <= 1f) || !(layer.Epsilon > 0f && layer.Epsilon < float.PositiveInfinity))
                    {
                        return null;
                    }

                    current = current with { BatchNorm = new BatchNormSpec(layer.Momentum, layer.Epsilon) };
                    break;
                case LayerKind.Dropout:
                    if (current is null || current.DropoutRate != 0f || !(layer.Rate >= 0f && layer.Rate < 1f))
                    {
                        return null;
                    }

                    current = current with { DropoutRate = layer.Rate };
                    break;
            }
        }

        if (current is null)
        {
            return null;
        }

        layers.Add(current);
        return layers.ToImmutable();
    }

    private static RegularizationSpec RegularizationOf(DeclaredTechniques techniques) => new(
        techniques.L1.IsEmpty ? 0f : techniques.L1[0].Value,
        techniques.L2.IsEmpty ? 0f : techniques.L2[0].Value,
        techniques.ClipGradientNorm.IsEmpty ? 0f : techniques.ClipGradientNorm[0].Value);

    private static PlanSpec? PlanOf(DeclaredTechniques techniques, DeclaredTraining? training)
    {
        DeclaredSchedule? schedule = techniques.Schedules.IsEmpty ? null : techniques.Schedules[0];
        DeclaredWarmup? warmup = techniques.Warmups.IsEmpty ? null : techniques.Warmups[0];
        DeclaredPlateau? plateau = techniques.Plateaus.IsEmpty ? null : techniques.Plateaus[0];
        DeclaredEarlyStopping? stopping = techniques.EarlyStoppings.IsEmpty ? null : techniques.EarlyStoppings[0];
        float validationFraction = training?.ValidationFraction ?? 0f;
        if (schedule is null && warmup is null && plateau is null && stopping is null && validationFraction == 0f)
        {
            return null;
        }

        return new PlanSpec(
            schedule?.Kind,
            schedule?.Epochs ?? 0,
            schedule?.Factor ?? 0f,
            warmup?.Epochs ?? 0,
            warmup?.Steps ?? 0,
            plateau?.Factor,
            plateau?.Patience ?? 0,
            stopping is null ? null : new EarlyStoppingSpec(stopping.Patience, stopping.MinDelta, stopping.Monitor, stopping.RestoreBestWeights),
            validationFraction);
    }

    private static TypeSpec TypeSpecOf(INamedTypeSymbol type)
    {
        var containing = new List<string>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string keyword = outer.TypeKind switch
            {
                TypeKind.Struct => outer.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => outer.IsRecord ? "record" : "class",
            };
            containing.Insert(0, $"partial {keyword} {outer.Name}");
        }

        return new TypeSpec(NamespaceOf(type), type.Name, containing.ToEquatableArray(), type.IsAbstract);
    }

    /// <summary>
    /// The dotted namespace with its names as declared, without the '@' of a keyword: the emitter
    /// writes identifiers as C# needs them, and the hint name takes no '@'.
    /// </summary>
    private static string? NamespaceOf(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Insert(0, ns.Name);
        }

        return parts.Count == 0 ? null : string.Join(".", parts);
    }
}
