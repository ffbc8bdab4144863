using System.Collections.Generic;
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
