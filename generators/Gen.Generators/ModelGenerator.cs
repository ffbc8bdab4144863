using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Gen.Generators.Emit;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gen.Generators;

/// <summary>
/// Emits, for each class marked <c>[Model]</c>, its training and inference code specialized to the
/// declared layers. Parsing and checking are the shared <see cref="ModelReader"/> and
/// <see cref="ModelRules"/>; a declaration with any error produces no code, and the analyzers say why.
/// The generator never throws: a failure on unexpected input also produces no code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelSpec?> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Model,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Specs);

        IncrementalValuesProvider<ModelSpec> valid = specs
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidSpecs);

        // Every model's file name must be unique, and the compiler compares file names ignoring
        // case: models named Net and NET would share one, and a generator that adds a file twice
        // throws and loses every model's code. So each model's output also sees the others' names.
        IncrementalValueProvider<ImmutableArray<TypeSpec>> types = valid
            .Select(static (spec, _) => spec.Type)
            .Collect();

        context.RegisterSourceOutput(
            valid.Combine(types),
            static (context, input) => Emit(context, input.Left, HintNameOf(input.Left.Type, input.Right)));
    }

    /// <summary>
    /// The model's file name, <c>Namespace.Outer.Name.g.cs</c>; a model whose name equals another's
    /// but for case (or equals it outright, in code that declares a type and a namespace of one
    /// name) takes a number, in a fixed order: <c>App.Net.g.cs</c>, <c>App.NET.2.g.cs</c>.
    /// </summary>
    internal static string HintNameOf(TypeSpec type, ImmutableArray<TypeSpec> all)
    {
        string hint = type.HintName;
        string key = OrderKey(type);
        var before = new HashSet<TypeSpec>();
        foreach (TypeSpec other in all)
        {
            if (!other.Equals(type)
                && string.Equals(other.HintName, hint, StringComparison.OrdinalIgnoreCase)
                && string.CompareOrdinal(OrderKey(other), key) < 0)
            {
                before.Add(other);
            }
        }

        return before.Count == 0
            ? hint
            : hint.Substring(0, hint.Length - ".g.cs".Length) + "." + (before.Count + 1).ToString(CultureInfo.InvariantCulture) + ".g.cs";
    }

    private static string OrderKey(TypeSpec type) =>
        (type.Namespace ?? string.Empty) + "|" + string.Join("|", type.ContainingTypeDeclarations) + "|" + type.Name;

    private static ModelSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.TargetSymbol is not INamedTypeSymbol type)
            {
                return null;
            }

            ModelDeclaration? declaration = ModelReader.Read(type, cancellationToken);
            return declaration is null ? null : ModelSpecBuilder.Build(declaration);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Never break the user's build: a declaration the parser cannot handle gets no code.
            return null;
        }
    }

    private static void Emit(SourceProductionContext context, ModelSpec spec, string hintName)
    {
        string source;
        try
        {
            source = ModelEmitter.Emit(spec);
        }
        catch (Exception)
        {
            return;
        }

        context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
    }
}

/// <summary>Names of the pipeline steps, for caching tests.</summary>
public static class TrackingNames
{
    public const string Specs = "Gen.Specs";
    public const string ValidSpecs = "Gen.ValidSpecs";
}
