using System.Threading;
using System.Threading.Tasks;
using Gen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Gen.Analyzers.Tests;

/// <summary>
/// Runs <see cref="ModelAnalyzer"/> (and a fix) on a source with {|GENxxx:...|} markup. Every
/// diagnostic the analyzer reports must be marked, and every mark must be reported, with its exact span.
/// </summary>
internal static class Verify
{
    /// <summary>
    /// .NET 10 reference assemblies from Basic.Reference.Assemblies (no download: this machine
    /// has no NuGet feed with reference packs) and the Gen runtime assembly.
    /// </summary>
    private static readonly ReferenceAssemblies References = new("net10.0");

    private static readonly MetadataReference GenRuntime = MetadataReference.CreateFromFile(typeof(ModelAttribute).Assembly.Location);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerWithConfigAsync(source, editorConfig: null, expected);

    /// <summary>As <see cref="AnalyzerAsync"/>, with an .editorconfig that applies to the source.</summary>
    public static Task AnalyzerWithConfigAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An expected diagnostic at the markup locations {|#0:...|}, {|#1:...|}, in order.</summary>
    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity, params int[] markupLocations)
    {
        var result = new DiagnosticResult(id, severity);
        foreach (int location in markupLocations)
        {
            result = result.WithLocation(location);
        }

        return result;
    }

    /// <summary>Applies the fix registered with <paramref name="equivalenceKey"/> (or the only one) to every diagnostic, one at a time and all at once.</summary>
    public static Task FixAsync<TFix>(string source, string fixedSource, string? equivalenceKey = null, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new() =>
        FixAsync<TFix>([source], [fixedSource], equivalenceKey, expected);

    /// <summary>As above, for a model whose parts are spread over several files.</summary>
    public static Task FixAsync<TFix>(string[] sources, string[] fixedSources, string? equivalenceKey = null, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new FixTest<TFix> { CodeActionEquivalenceKey = equivalenceKey };
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (string source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(GenRuntime);
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<ModelAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = References;
            Configure(TestState);
        }
    }

    private sealed class FixTest<TFix> : CSharpCodeFixTest<ModelAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        public FixTest()
        {
            ReferenceAssemblies = References;
            Configure(TestState);
            Configure(FixedState);
            Configure(BatchFixedState);
        }
    }
}
