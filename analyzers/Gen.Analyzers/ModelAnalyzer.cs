using System;
using System.Collections.Immutable;
using Gen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers;

/// <summary>
/// Reports every diagnostic of <see cref="ModelRules"/> for each class marked <c>[Model]</c>. The
/// rules are the generator's own, so a declaration the analyzer accepts is one the generator emits,
/// and one it rejects with an error is one the generator skips.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // A compilation without Gen's runtime has no models: register nothing, cost nothing.
            INamedTypeSymbol? modelAttribute = start.Compilation.GetTypeByMetadataName(AttributeNames.Model);
            if (modelAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, modelAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol modelAttribute)
    {
        if (context.Symbol is not INamedTypeSymbol type || !HasAttribute(type, modelAttribute))
        {
            return;
        }

        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            ModelDeclaration? declaration = ModelReader.Read(type, context.CancellationToken);
            if (declaration is null)
            {
                return;
            }

            diagnostics = ModelRules.Check(declaration);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // An analyzer that throws shows the user an AD0001 warning about Gen instead of about
            // their model; the generator also treats an unreadable declaration as "no code".
            return;
        }

        foreach (Diagnostic diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static bool HasAttribute(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        foreach (AttributeData data in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
