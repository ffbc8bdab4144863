using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gen.Generators.Tests;

/// <summary>
/// Runs <see cref="ModelGenerator"/> the way the compiler does, on compilations made from source
/// text against the .NET 10 reference assemblies and the Gen runtime.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            // Every warning the compiler has, so that generated code is held to the strictest build.
            warningLevel: 9999);

    /// <summary>The .NET 10 reference assemblies and the Gen runtime, as a user's project has them.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(ModelAttribute).Assembly.Location))
            .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GenTests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, output, diagnostics);
    }

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>
    /// Errors and warnings of the compilation after generation, the generated code included. XML
    /// comments are checked as with <c>GenerateDocumentationFile</c>, so generated public members
    /// must be documented and their crefs must bind; a missing comment (CS1591) on the test's own
    /// declarations is not the generator's business and is left out.
    /// </summary>
    public static ImmutableArray<Diagnostic> ErrorsAndWarnings(GeneratorRun run)
    {
        var generated = new HashSet<string>(run.Sources.Select(s => s.SyntaxTree.FilePath), StringComparer.Ordinal);
        return run.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || (d.Location.SourceTree is { } tree && generated.Contains(tree.FilePath)))
            .ToImmutableArray();
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"{d.Location.SourceTree?.FilePath}{d.Location.GetLineSpan().StartLinePosition}: {d}"));
}

/// <summary>The result of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public GeneratorRunResult GeneratorResult => Result.Results.Single();

    public ImmutableArray<GeneratedSourceResult> Sources => GeneratorResult.GeneratedSources;
}
