using System;
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

        context.RegisterSourceOutput(valid, static (context, spec) => Emit(context, spec));
    }

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

    private static void Emit(SourceProductionContext context, ModelSpec spec)
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

        context.AddSource(spec.Type.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
    }
}

/// <summary>Names of the pipeline steps, for caching tests.</summary>
public static class TrackingNames
{
    public const string Specs = "Gen.Specs";
    public const string ValidSpecs = "Gen.ValidSpecs";
}
