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

        var layers = ImmutableArray.CreateBuilder<LayerSpec>();
        int inputs = declaration.Inputs;
        foreach (DeclaredLayer layer in declaration.Layers)
        {
            if (!Enum.IsDefined(typeof(ActivationKind), layer.Activation))
            {
                return null;
            }

            layers.Add(new LayerSpec(layers.Count, layer.Kind, inputs, layer.Units, layer.Activation, layer.NegativeSlope));
            inputs = layer.Units;
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
            new EquatableArray<LayerSpec>(layers.ToImmutable()),
            new LossSpec(loss.Kind, loss.Delta),
            new OptimizerSpec(
                optimizer.Kind, optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2, optimizer.Epsilon,
                optimizer.WeightDecay, optimizer.Alpha, optimizer.Momentum, optimizer.Nesterov),
            new TrainingSpec(training?.BatchSize ?? Defaults.BatchSize, training?.Epochs ?? Defaults.Epochs));
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

        return new TypeSpec(NamespaceOf(type), type.Name, containing.ToEquatableArray());
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
