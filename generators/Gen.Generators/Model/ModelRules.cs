using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Model;

/// <summary>
/// The checks of a model declaration. The analyzers report what this returns; the generator emits
/// nothing for a declaration with any error in it. Each rule is written once, here.
/// </summary>
internal static partial class ModelRules
{
    public static ImmutableArray<Diagnostic> Check(ModelDeclaration model)
    {
        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        CheckType(model, found);
        CheckMembers(model, found);
        if (!model.Malformed.IsEmpty)
        {
            // The compiler already reports the attribute it could not bind. The declaration has a
            // hole where it was (a missing layer shifts which one is last), so the other rules
            // would report phantom problems; the generator emits nothing for it either way.
            return found.ToImmutable();
        }

        CheckParts(model, found);
        CheckSizes(model, found);
        CheckHyperparameters(model, found);
        CheckLossFitsOutput(model, found);
        CheckTechniques(model, found);
        CheckLikelyMistakes(model, found);
        CheckTechniqueMistakes(model, found);
        CheckSimdWidths(model, found);
        return found.ToImmutable();
    }

    private static void CheckType(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        INamedTypeSymbol type = model.Type;
        string? problem = null;
        bool partialFixesIt = false;
        if (type.TypeKind != TypeKind.Class)
        {
            problem = "is not a class";
        }
        else if (type.IsRecord)
        {
            problem = "is a record, not a class";
        }
        else if (type.IsStatic)
        {
            problem = "is static";
        }
        else if (!IsPartial(type))
        {
            problem = "is not partial";
            partialFixesIt = !type.IsGenericType && ContainingTypesAreFixable(type);
        }
        else if (type.IsGenericType)
        {
            problem = "is generic";
        }
        else
        {
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (!IsPartial(outer))
                {
                    problem = $"is nested in '{outer.Name}', which is not partial";
                    partialFixesIt = ContainingTypesAreFixable(type);
                    break;
                }

                if (outer.IsGenericType)
                {
                    problem = $"is nested in the generic type '{outer.Name}'";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            ImmutableDictionary<string, string?> properties = partialFixesIt
                ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticIds.CanMakePartialProperty, "true")
                : ImmutableDictionary<string, string?>.Empty;
            found.Add(Diagnostic.Create(DiagnosticDescriptors.ModelTypeNotPartial, model.Location, properties, type.Name, problem));
        }
    }

    /// <summary>
    /// True when every type around <paramref name="type"/> is non-generic, so that adding
    /// <c>partial</c> where it is missing is the whole fix (a generic container is an error of its own).
    /// </summary>
    private static bool ContainingTypesAreFixable(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static void CheckParts(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        string name = model.Type.Name;
        if (model.Layers.IsEmpty)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.MissingOrDuplicatePart, model.Model.Location, name, "has no layer; add at least one [Dense(units)]"));
        }

        if (model.Losses.IsEmpty)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.MissingOrDuplicatePart, model.Model.Location, name, "has no loss; add [Loss(LossKind....)]"));
        }

        if (model.Optimizers.IsEmpty)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.MissingOrDuplicatePart, model.Model.Location, name, "has no optimizer; add one of [Sgd], [Adam], [AdamW], [RmsProp], [AdaGrad]"));
        }

        ReportDuplicates(model.Losses.Select(l => l.Attribute), "a second loss; a model has exactly one", name, found);
        ReportDuplicates(model.Optimizers.Select(o => o.Attribute), "a second optimizer; a model has exactly one", name, found);
        ReportDuplicates(model.Trainings.Select(t => t.Attribute), "a second [Training]; a model has at most one", name, found);

        if (model.LayersOnSeveralParts)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.LayersOnSeveralParts, model.Location, name));
        }
    }

    private static void ReportDuplicates(IEnumerable<DeclaredAttribute> attributes, string what, string name, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (DeclaredAttribute duplicate in attributes.Skip(1))
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.MissingOrDuplicatePart, duplicate.Location, name, "declares " + what));
        }
    }

    private static void CheckSizes(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        if (model.Inputs <= 0)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, model.Model.LocationOf("Inputs"), "Inputs", Format(model.Inputs), "a positive number of input features"));
        }

        foreach (DeclaredLayer layer in model.Layers)
        {
            if (layer.Units <= 0)
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, layer.Attribute.LocationOf("units"), "Dense units", Format(layer.Units), "a positive number of units"));
            }
        }

        foreach (DeclaredTraining training in model.Trainings)
        {
            if (training.BatchSize <= 0)
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, training.Attribute.LocationOf("BatchSize"), "BatchSize", Format(training.BatchSize), "a positive number of samples"));
            }

            if (training.Epochs <= 0)
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, training.Attribute.LocationOf("Epochs"), "Epochs", Format(training.Epochs), "a positive number of epochs"));
            }
        }

        if (model.Inputs <= 0 || model.Layers.Any(l => l.Units <= 0))
        {
            return;
        }

        long parameters = 0;
        long widest = model.Inputs;
        int fanIn = model.Inputs;
        foreach (DeclaredLayer layer in model.Layers)
        {
            parameters += ((long)fanIn * layer.Units) + layer.Units;
            widest = System.Math.Max(widest, layer.Units);
            fanIn = layer.Units;
        }

        if (parameters > Limits.MaxParameters)
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, model.Model.Location, "The parameter count", Format(parameters), $"at most {Format(Limits.MaxParameters)}"));
        }

        int batchSize = model.Trainings.IsEmpty ? Defaults.BatchSize : model.Trainings[0].BatchSize;
        if (batchSize > 0 && widest * batchSize > Limits.MaxActivations)
        {
            DeclaredAttribute where = model.Trainings.IsEmpty ? model.Model : model.Trainings[0].Attribute;
            found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, where.LocationOf("BatchSize"), "BatchSize × the widest layer", Format(widest * batchSize), $"at most {Format(Limits.MaxActivations)} activations per layer"));
        }
    }

    private static void CheckHyperparameters(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (DeclaredLayer layer in model.Layers)
        {
            if (!System.Enum.IsDefined(typeof(ActivationKind), layer.Activation))
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, layer.Attribute.LocationOf("activation"), "The activation", Format((int)layer.Activation), "one of the values of Gen.Activation"));
            }

            if (layer.Activation == ActivationKind.LeakyReLU && layer.Attribute.IsWritten("NegativeSlope") && !(layer.NegativeSlope >= 0 && IsFinite(layer.NegativeSlope)))
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.NotPositiveFinite, layer.Attribute.LocationOf("NegativeSlope"), "NegativeSlope", Format(layer.NegativeSlope), "a finite slope ≥ 0"));
            }
        }

        foreach (DeclaredLoss loss in model.Losses)
        {
            if (!System.Enum.IsDefined(typeof(LossKind), loss.Kind))
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.SizeOutOfRange, loss.Attribute.LocationOf("kind"), "The loss", Format((int)loss.Kind), "one of the values of Gen.LossKind"));
            }

            if (loss.Kind == LossKind.Huber)
            {
                RequirePositiveFinite(loss.Attribute, "Delta", loss.Delta, found);
            }
        }

        foreach (DeclaredOptimizer optimizer in model.Optimizers)
        {
            RequirePositiveFinite(optimizer.Attribute, "LearningRate", optimizer.LearningRate, found);
            switch (optimizer.Kind)
            {
                case OptimizerKind.Sgd:
                    RequireCoefficient(optimizer.Attribute, "Momentum", optimizer.Momentum, found);
                    break;
                case OptimizerKind.Adam:
                case OptimizerKind.AdamW:
                    RequireCoefficient(optimizer.Attribute, "Beta1", optimizer.Beta1, found);
                    RequireCoefficient(optimizer.Attribute, "Beta2", optimizer.Beta2, found);
                    RequirePositiveFinite(optimizer.Attribute, "Epsilon", optimizer.Epsilon, found);
                    break; // AdamW's WeightDecay is a coefficient: GEN008, with L1 and L2 (ModelRules.Techniques.cs)
                case OptimizerKind.RmsProp:
                    RequireCoefficient(optimizer.Attribute, "Alpha", optimizer.Alpha, found);
                    RequireCoefficient(optimizer.Attribute, "Momentum", optimizer.Momentum, found);
                    RequirePositiveFinite(optimizer.Attribute, "Epsilon", optimizer.Epsilon, found);
                    break;
                case OptimizerKind.AdaGrad:
                    RequirePositiveFinite(optimizer.Attribute, "Epsilon", optimizer.Epsilon, found);
                    break;
            }
        }
    }

    private static void CheckLossFitsOutput(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        if (model.Layers.IsEmpty || model.Losses.IsEmpty)
        {
            return;
        }

        DeclaredLayer last = model.Layers[model.Layers.Length - 1];
        foreach (DeclaredLoss loss in model.Losses)
        {
            if (loss.Kind == LossKind.SoftmaxCrossEntropy && last.Units is > 0 and < 2)
            {
                found.Add(Diagnostic.Create(
                    DiagnosticDescriptors.LossDoesNotFitOutput,
                    loss.Attribute.LocationOf("kind"),
                    $"SoftmaxCrossEntropy needs at least 2 outputs, but the last layer has {last.Units}; for a yes/no output use LossKind.BinaryCrossEntropy"));
            }
        }
    }

    private static void RequirePositiveFinite(DeclaredAttribute attribute, string name, float value, ImmutableArray<Diagnostic>.Builder found)
    {
        if (!(value > 0 && IsFinite(value)))
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.NotPositiveFinite, attribute.LocationOf(name), name, Format(value), "a finite value > 0"));
        }
    }

    private static void RequireCoefficient(DeclaredAttribute attribute, string name, float value, ImmutableArray<Diagnostic>.Builder found)
    {
        if (!(value >= 0 && value < 1))
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.CoefficientOutOfRange, attribute.LocationOf(name), name, Format(value)));
        }
    }

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    internal static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
