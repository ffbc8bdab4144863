using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gen.Generators.Tests;

/// <summary>
/// Generated code compiles wherever a valid model is declared: next to user types whose names the
/// generated code also uses (Dataset, Random, Math...), in namespaces and types named with keywords,
/// in unusual containing types.
/// </summary>
public sealed class NameCollisionTests
{
    private const string Attributes = """
        [Model(Inputs = 4, Seed = 1)]
        [Dense(8, Activation.GELU)]
        [Dense(3)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [AdamW]
        [Training(BatchSize = 16)]
        """;

    public static readonly Dictionary<string, string> Cases = new()
    {
        ["user types named like runtime types"] = $$"""
            using Gen;

            namespace App
            {
                public sealed class Dataset { }
                public sealed class Trainer { }
                public sealed class Evaluation { }
                public sealed class TrainingHistory { }
                public sealed class EpochReport { }
                public sealed class ModelGuard { }
                public sealed class Initialization { }
                public sealed class LossKernels { }
                public sealed class DenseKernels { }
                public sealed class ActivationKernels { }
                public sealed class OutputKernels { }
                public interface ITrainableModel<T> { }
                public enum LossKind { None }

                {{Attributes.Replace("LossKind.", "Gen.LossKind.")}}
                public partial class Net;
            }
            """,
        ["user types named like System types"] = $$"""
            using Gen;

            namespace App
            {
                public sealed class Random { }
                public sealed class Math { }
                public sealed class MathF { }
                public sealed class Span<T> { }
                public sealed class ReadOnlySpan<T> { }
                public sealed class IProgress<T> { }
                public sealed class MemoryMarshal { }
                public sealed class Unsafe { }
                public sealed class Vector256 { }
                public sealed class Vector512 { }
                public sealed class CancellationToken { }
                public sealed class MethodImpl { }

                {{Attributes}}
                public partial class Net;
            }
            """,
        ["namespaces that hide System and Gen"] = $$"""
            using Gen;

            namespace App.System
            {
                public sealed class Runtime { }
            }

            namespace App.Gen.Kernels
            {
                public sealed class Placeholder { }
            }

            namespace App
            {
                {{Attributes}}
                public partial class Net;
            }
            """,
        ["containing type with members named like runtime types"] = $$"""
            using Gen;

            namespace App;

            public partial class Lab
            {
                public static int Dataset => 1;
                public static int Trainer => 2;
                public static int Math => 3;
                public static int Random => 4;

                {{Attributes}}
                public partial class Net;
            }
            """,
        ["keyword names"] = $$"""
            using Gen;

            namespace @namespace.@class
            {
                public partial class @struct
                {
                    {{Attributes}}
                    public partial class @object;
                }
            }
            """,
        ["nested in a record, a record struct and a struct"] = $$"""
            using Gen;

            namespace App;

            public partial record Outer
            {
                public partial record struct Middle
                {
                    public readonly partial struct Inner
                    {
                        {{Attributes}}
                        public partial class Net;
                    }
                }
            }
            """,
        ["nested in a ref struct"] = $$"""
            using Gen;

            namespace App;

            public ref partial struct Outer
            {
                {{Attributes}}
                public partial class Net;
            }
            """,
        ["nested in an interface"] = $$"""
            using Gen;

            namespace App;

            public partial interface IOuter
            {
                {{Attributes}}
                public partial class Net;
            }
            """,
        ["abstract, sealed and static members beside the model"] = $$"""
            using Gen;

            namespace App;

            {{Attributes}}
            public abstract partial class Net
            {
                public abstract void Extra();
            }

            public sealed class Concrete : Net
            {
                public override void Extra() { }
            }
            """,
        ["aliases, qualified names and constant expressions"] = """
            using M = Gen.ModelAttribute;
            using Layer = Gen.DenseAttribute;
            using static Gen.Activation;

            namespace App;

            internal static class Sizes
            {
                public const int Side = 28;
                public const int Hidden = 2 * 32;
                public const float Rate = 1f / 1024;
            }

            [M(Inputs = Sizes.Side * Sizes.Side, Seed = -Sizes.Side)]
            [Layer(Sizes.Hidden, ReLU)]
            [global::Gen.DenseAttribute(units: 10, activation: Identity)]
            [global::Gen.Loss(global::Gen.LossKind.SoftmaxCrossEntropy)]
            [Gen.Adam(LearningRate = Sizes.Rate, Beta2 = (float)0.99)]
            [Gen.Training(Epochs = 1 << 3)]
            public partial class Net;
            """,
        ["the class named like the namespace"] = $$"""
            using Gen;

            namespace Net.Net
            {
                {{Attributes}}
                public partial class Net;
            }
            """,
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void EveryNameTheGeneratedCodeUsesCanBeTakenByTheUser()
    {
        // Generate a model with every technique, collect every name its code reaches through
        // global::, then declare a type of each name (plain and generic) in the model's namespace
        // and a property of each name in its containing class: the code must still compile. This
        // follows the emitter as it grows, where the cases above list today's names.
        const string attributes = """
            [global::Gen.Model(Inputs = 4, Seed = -3)]
            [global::Gen.Dense(16, global::Gen.Activation.LeakyReLU, NegativeSlope = 0.1f)]
            [global::Gen.BatchNorm]
            [global::Gen.Dropout(0.25f)]
            [global::Gen.Dense(8, global::Gen.Activation.GELU)]
            [global::Gen.Dropout(0.1f)]
            [global::Gen.Dense(3)]
            [global::Gen.Loss(global::Gen.LossKind.SoftmaxCrossEntropy)]
            [global::Gen.RmsProp(Momentum = 0.9f)]
            [global::Gen.L1(1e-4f)]
            [global::Gen.L2(1e-3f)]
            [global::Gen.ClipGradientNorm(2f)]
            [global::Gen.CosineDecay(Epochs = 8)]
            [global::Gen.Warmup(Epochs = 1)]
            [global::Gen.ReduceOnPlateau]
            [global::Gen.EarlyStopping(Monitor = global::Gen.Metric.ValidationAccuracy)]
            [global::Gen.Training(BatchSize = 8, ValidationFraction = 0.2f)]
            """;
        string plain = $$"""
            namespace App;

            public partial class Lab
            {
                {{attributes}}
                public partial class Net;
            }
            """;
        GeneratorRun first = GeneratorHarness.Run(plain);
        string code = Assert.Single(first.Sources).SourceText.ToString();

        // Every type outside the model is written with global::, so no name is missed below.
        SyntaxTree tree = Assert.Single(first.Sources).SyntaxTree;
        SemanticModel model = first.Output.GetSemanticModel(first.Output.SyntaxTrees.Single(t => t.FilePath == tree.FilePath));
        var unqualified = model.SyntaxTree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>()
            .Where(name => name.Identifier.ValueText is not ("var" or "nint" or "nuint"))
            .Where(name => name.Parent is not (QualifiedNameSyntax or AliasQualifiedNameSyntax or MemberAccessExpressionSyntax or BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax) || IsLeftmost(name))
            .Where(name => model.GetSymbolInfo(name).Symbol is INamedTypeSymbol { Name: not ("Net" or "Lab") } || model.GetSymbolInfo(name).Symbol is INamespaceSymbol)
            .Select(name => $"{name} (line {name.GetLocation().GetLineSpan().StartLinePosition.Line + 1})")
            .ToList();
        Assert.True(unqualified.Count == 0, "Types written without global:: in the generated code: " + string.Join(", ", unqualified));

        var names = System.Text.RegularExpressions.Regex.Matches(code, @"global::([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
            .SelectMany(m => m.Groups[1].Value.Split('.'))
            .Where(n => n is not ("Net" or "Lab" or "App"))
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();
        Assert.Contains("Span", names);
        Assert.Contains("DenseKernels", names);

        string types = string.Concat(names.Select(n => $"public sealed class {n} {{ }}\npublic sealed class {n}<T> {{ }}\n"));
        string members = string.Concat(names.Select(n => $"    public static int {n} => 0;\n"));
        GeneratorRun run = GeneratorHarness.Run($$"""
            namespace App
            {
            {{types}}
                public partial class Lab
                {
            {{members}}
                    {{attributes}}
                    public partial class Net;
                }
            }
            """);

        Assert.Single(run.Sources);
        var problems = GeneratorHarness.ErrorsAndWarnings(run);
        Assert.True(problems.IsEmpty, $"With user types and members named {string.Join(", ", names)}:\n" + GeneratorHarness.Format(problems.Take(20)));
    }

    /// <summary>
    /// True when <paramref name="name"/> starts its dotted name (the <c>Math</c> of <c>Math.Min</c>)
    /// rather than continuing one (the <c>Min</c>, or anything after <c>global::</c>).
    /// </summary>
    private static bool IsLeftmost(SimpleNameSyntax name) => name.Parent switch
    {
        QualifiedNameSyntax qualified => qualified.Left == name,
        MemberAccessExpressionSyntax access => access.Expression == name,
        _ => false,
    };

    [Fact]
    public void AliasesAndConstantExpressionsAreRead()
    {
        GeneratorRun run = GeneratorHarness.Run(Cases["aliases, qualified names and constant expressions"]);

        string code = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("public const int InputCount = 784;", code);
        Assert.Contains("public const int Seed = -28;", code);
        Assert.Contains("private const int Layer0Units = 64;", code);
        Assert.Contains("global::Gen.Kernels.ActivationKernels.ReLU(", code);
        Assert.Contains("private const int Layer1Units = 10;", code);
        Assert.Contains("public const int Epochs = 8;", code);
        Assert.Contains("public float LearningRate { get; set; } = 0.0009765625f;", code);
        Assert.Contains("private const float Beta2 = 0.99f;", code);
    }

    [Fact]
    public void ModelsWhoseNamesDifferOnlyInCaseGetTheirOwnFiles()
    {
        // Generated file names are compared ignoring case; two models must not share one, or
        // the generator throws and every model loses its code.
        GeneratorRun run = GeneratorHarness.Run($$"""
            using Gen;

            namespace App
            {
                {{Attributes}}
                public partial class Net;

                {{Attributes}}
                public partial class NET;
            }
            """);

        Assert.Null(run.GeneratorResult.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Sources.Length);
        var problems = GeneratorHarness.ErrorsAndWarnings(run);
        Assert.True(problems.IsEmpty, GeneratorHarness.Format(problems));
    }

    [Fact]
    public void ATypeAndANamespaceOfTheSameNameDoNotMakeTheGeneratorThrow()
    {
        // A.B the class and A.B the namespace (an error the compiler reports, common while
        // renaming) give two models the same full name; the generator must not throw on that.
        GeneratorRun run = GeneratorHarness.Run($$"""
            using Gen;

            namespace A
            {
                public partial class B
                {
                    {{Attributes}}
                    public partial class C;
                }
            }

            namespace A.B
            {
                {{Attributes}}
                public partial class C;
            }
            """);

        Assert.Null(run.GeneratorResult.Exception);
        Assert.Empty(run.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedCodeCompiles(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Cases[name]);

        Assert.Null(run.GeneratorResult.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        var problems = GeneratorHarness.ErrorsAndWarnings(run);
        Assert.True(problems.IsEmpty, GeneratorHarness.Format(problems));
    }
}
