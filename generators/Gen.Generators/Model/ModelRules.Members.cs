using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Model;

internal static partial class ModelRules
{
    /// <summary>
    /// The names the generated code declares on the model class. A member the user writes with one
    /// of them, or a class named like one, would make the generated code fail to compile.
    /// </summary>
    private static readonly ImmutableHashSet<string> GeneratedNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "InputCount", "OutputCount", "BatchSize", "Epochs", "Seed", "ParameterCount", "StatisticsCount",
        "HuberDelta", "L1Lambda", "L2Lambda", "MaxGradientNorm", "Beta1", "Beta2", "Epsilon", "WeightDecay",
        "Alpha", "Momentum", "SquaredGradientFloor", "LearningRate", "Parameters", "Gradients", "Statistics", "StepCount",
        "InitializeParameters", "Clone", "TrainStep", "ComputeGradients", "ComputeLoss", "ApplyGradients",
        "Predict", "Classify", "Evaluate", "Fit", "Save", "Load", "ExportOnnx", "Forward", "Backward",
        "TrainingThreads", "UpdateParameters", "GatherInputs", "RunBatch", "_inputSplit",
        "SgdUpdate", "AdamUpdate", "AdamWUpdate", "RMSPropUpdate", "AdaGradUpdate",
        "s_layers", "s_plan", "_parameters", "_gradients", "_statistics", "_step", "_probabilities",
        "_transposedWeights", "_firstMoments", "_secondMoments", "_squareAverages", "_squareSums", "_velocities");

    /// <summary>Per-layer names: Layer0Units, _layer1Output, …</summary>
    private static readonly Regex GeneratedLayerName = new("^(Layer|_layer)[0-9]+[A-Z]", RegexOptions.CultureInvariant);

    private static void CheckMembers(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        INamedTypeSymbol type = model.Type;
        if (IsGeneratedName(type.Name))
        {
            found.Add(Diagnostic.Create(DiagnosticDescriptors.MemberConflict, model.Location,
                $"Model '{type.Name}' has the name of a member Gen generates on it, and a member cannot be named like its class; rename the class"));
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: not null } declaration)
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.MemberConflict, declaration.ParameterList.GetLocation(),
                    $"Model '{type.Name}' has a primary constructor, but Gen generates its parameterless constructor (it initializes the weights); remove the parameter list"));
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || !IsWrittenByUser(member))
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false, Parameters.Length: 0 })
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.MemberConflict, member.Locations.FirstOrDefault() ?? model.Location,
                    $"Model '{type.Name}' declares a parameterless constructor, but Gen generates it (it initializes the weights); remove it, or initialize your own state in field initializers"));
            }
            else if (member is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } && IsGeneratedName(member.Name))
            {
                found.Add(Diagnostic.Create(DiagnosticDescriptors.MemberConflict, member.Locations.FirstOrDefault() ?? model.Location,
                    $"'{member.Name}' on model '{type.Name}' has the name of a member Gen generates; rename it"));
            }
        }
    }

    private static bool IsGeneratedName(string name) => GeneratedNames.Contains(name) || GeneratedLayerName.IsMatch(name);

    /// <summary>
    /// True for a member written in the user's source. The analyzers see the generated code too
    /// (in its own syntax trees, named by the generator); those members are Gen's, not conflicts.
    /// </summary>
    private static bool IsWrittenByUser(ISymbol member) =>
        member.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.FilePath.IndexOf("Gen.Generators.ModelGenerator", StringComparison.Ordinal) < 0);
}
