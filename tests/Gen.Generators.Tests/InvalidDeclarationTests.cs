using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Generators.Tests;

/// <summary>
/// A declaration with an error produces no code, and the generator neither throws nor reports
/// anything: the analyzers say what is wrong.
/// </summary>
public sealed class InvalidDeclarationTests
{
    /// <summary>A valid model with <c>{0}</c> for its attributes and <c>{1}</c> for its declaration.</summary>
    private static string Declare(string attributes, string declaration = "public partial class Net;") => $$"""
        using Gen;

        namespace App;

        {{attributes}}
        {{declaration}}

        [Model(Inputs = 2, Seed = 1)]
        [Dense(4, Activation.ReLU)]
        [Dense(1)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        public partial class Control;
        """;

    private const string Valid = """
        [Model(Inputs = 4, Seed = 1)]
        [Dense(8, Activation.ReLU)]
        [Dense(3)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        """;

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Valid);
        return Valid.Replace(from, to);
    }

    public static readonly Dictionary<string, string> Cases = new()
    {
        ["missing loss"] = Declare(Replace("[Loss(LossKind.SoftmaxCrossEntropy)]\n", "")),
        ["a user member named like a generated one (GEN010)"] = Declare(Valid, "public partial class Net { public void Predict() { } }"),
        ["a user parameterless constructor (GEN010)"] = Declare(Valid, "public partial class Net { public Net() { } }"),
        ["a primary constructor (GEN010)"] = Declare(Valid, "public partial class Net(int size) { public int Size => size; }"),
        ["a class named like a generated member (GEN010)"] = Declare(Valid, "public partial class Seed;"),
        ["missing optimizer"] = Declare(Replace("[Adam]", "")),
        ["no layer"] = Declare(Replace("[Dense(8, Activation.ReLU)]\n[Dense(3)]\n", "")),
        ["two optimizers"] = Declare(Valid + "\n[Sgd]"),
        ["two losses"] = Declare(Valid + "\n[Loss(LossKind.MeanSquaredError)]"),
        ["two trainings"] = Declare(Valid + "\n[Training]\n[Training(BatchSize = 8)]"),
        ["Inputs = 0"] = Declare(Replace("Inputs = 4", "Inputs = 0")),
        ["Inputs missing"] = Declare(Replace("[Model(Inputs = 4, Seed = 1)]", "[Model]")),
        ["negative inputs"] = Declare(Replace("Inputs = 4", "Inputs = -4")),
        ["negative units"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(-8, Activation.ReLU)]")),
        ["zero units"] = Declare(Replace("[Dense(3)]", "[Dense(0)]")),
        ["NaN learning rate"] = Declare(Replace("[Adam]", "[Adam(LearningRate = float.NaN)]")),
        ["infinite learning rate"] = Declare(Replace("[Adam]", "[Adam(LearningRate = float.PositiveInfinity)]")),
        ["zero learning rate"] = Declare(Replace("[Adam]", "[Adam(LearningRate = 0f)]")),
        ["Beta1 = 1"] = Declare(Replace("[Adam]", "[Adam(Beta1 = 1f)]")),
        ["negative Beta2"] = Declare(Replace("[Adam]", "[Adam(Beta2 = -0.5f)]")),
        ["zero epsilon"] = Declare(Replace("[Adam]", "[Adam(Epsilon = 0f)]")),
        ["negative weight decay"] = Declare(Replace("[Adam]", "[AdamW(WeightDecay = -0.1f)]")),
        ["momentum 1"] = Declare(Replace("[Adam]", "[Sgd(Momentum = 1f)]")),
        ["NaN RMSProp alpha"] = Declare(Replace("[Adam]", "[RmsProp(Alpha = float.NaN)]")),
        ["negative AdaGrad epsilon"] = Declare(Replace("[Adam]", "[AdaGrad(Epsilon = -1e-10f)]")),
        ["zero Huber delta"] = Declare(Replace("[Loss(LossKind.SoftmaxCrossEntropy)]", "[Loss(LossKind.Huber, Delta = 0f)]")),
        ["NaN LeakyReLU slope"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.LeakyReLU, NegativeSlope = float.NaN)]")),
        ["zero batch size"] = Declare(Replace("[Adam]", "[Adam]\n[Training(BatchSize = 0)]")),
        ["negative epochs"] = Declare(Replace("[Adam]", "[Adam]\n[Training(Epochs = -1)]")),
        ["softmax with one output"] = Declare(Replace("[Dense(3)]", "[Dense(1)]")),
        ["too many parameters"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(100_000_000, Activation.ReLU)]")),
        ["int.MaxValue units"] = Declare(Replace("[Dense(3)]", "[Dense(int.MaxValue)]")),
        ["huge batch"] = Declare(Replace("[Adam]", "[Adam]\n[Training(BatchSize = int.MaxValue)]")),
        ["unknown activation"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, (Activation)42)]")),
        ["unknown loss"] = Declare(Replace("[Loss(LossKind.SoftmaxCrossEntropy)]", "[Loss((LossKind)(-1))]")),
        ["dropout before the first layer"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dropout(0.2f)]\n[Dense(8, Activation.ReLU)]")),
        ["dropout after the last layer"] = Declare(Replace("[Dense(3)]", "[Dense(3)]\n[Dropout(0.2f)]")),
        ["batch norm after dropout"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.ReLU)]\n[Dropout(0.2f)]\n[BatchNorm]")),
        ["two dropouts after one layer"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.ReLU)]\n[Dropout(0.2f)]\n[Dropout(0.2f)]")),
        ["dropout rate 1"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.ReLU)]\n[Dropout(1f)]")),
        ["NaN batch norm epsilon"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.ReLU)]\n[BatchNorm(Epsilon = float.NaN)]")),
        ["negative L1"] = Declare(Valid + "\n[L1(-1f)]"),
        ["two L2"] = Declare(Valid + "\n[L2(1e-3f)]\n[L2(1e-4f)]"),
        ["zero gradient clip"] = Declare(Valid + "\n[ClipGradientNorm(0f)]"),
        ["two schedules"] = Declare(Valid + "\n[StepDecay]\n[CosineDecay]"),
        ["step decay gamma 0"] = Declare(Valid + "\n[StepDecay(Gamma = 0f)]"),
        ["warm-up of epochs and steps"] = Declare(Valid + "\n[Warmup(Epochs = 1, Steps = 10)]"),
        ["warm-up of nothing"] = Declare(Valid + "\n[Warmup]"),
        ["plateau factor 2"] = Declare(Valid + "\n[ReduceOnPlateau(Factor = 2f)]"),
        ["early stopping on accuracy of a regression"] = Declare(
            Replace("[Loss(LossKind.SoftmaxCrossEntropy)]", "[Loss(LossKind.MeanSquaredError)]") + "\n[EarlyStopping(Monitor = Metric.ValidationAccuracy)]"),
        ["unknown monitor"] = Declare(Valid + "\n[EarlyStopping(Monitor = (Metric)9)]"),
        ["validation fraction 1"] = Declare(Valid + "\n[Training(ValidationFraction = 1f)]"),
        ["non-partial class"] = Declare(Valid, "public class Net { }"),
        ["generic class"] = Declare(Valid, "public partial class Net<T>;"),
        ["static class"] = Declare(Valid, "public static partial class Net;"),
        ["record"] = Declare(Valid, "public partial record Net;"),
        ["struct"] = Declare(Valid, "public partial struct Net;"),
        ["interface"] = Declare(Valid, "public partial interface Net;"),
        ["nested in a non-partial class"] = Declare("", "public class Outer\n{\n" + Valid + "\npublic partial class Net;\n}"),
        ["nested in a generic class"] = Declare("", "public partial class Outer<T>\n{\n" + Valid + "\npublic partial class Net;\n}"),
        ["[Model] twice"] = Declare(Valid + "\n[Model(Inputs = 4)]"),
        ["[Model] on two parts"] = Declare(Valid, "public partial class Net;\n[Model(Inputs = 4)]\npublic partial class Net { }"),
        ["layers on two parts"] = Declare(Valid, "public partial class Net;\n[Dense(2)]\npublic partial class Net { }"),
        ["syntax error in the attribute list"] = Declare(Replace("[Dense(8, Activation.ReLU)]", "[Dense(8, Activation.ReLU]")),
        ["missing argument"] = Declare(Replace("[Dense(3)]", "[Dense(3,)]")),
        ["unclosed attribute list"] = Declare(Replace("[Adam]", "[Adam(LearningRate = 0.1f")),
        ["wrong-typed units"] = Declare(Replace("[Dense(3)]", "[Dense(\"x\")]")),
        ["wrong-typed named argument"] = Declare(Replace("[Adam]", "[Adam(LearningRate = \"fast\")]")),
        ["no constructor matches"] = Declare(Replace("[Dense(3)]", "[Dense]")),
        ["too many arguments"] = Declare(Replace("[Dense(3)]", "[Dense(3, Activation.ReLU, 7)]")),
        ["unknown named argument"] = Declare(Replace("[Adam]", "[Adam(Momentum = 0.9f)]")),
        ["non-constant argument"] = Declare(Replace("[Dense(3)]", "[Dense(System.Environment.ProcessorCount)]")),
        ["undefined constant"] = Declare(Replace("[Dense(3)]", "[Dense(Sizes.Outputs)]")),
        ["loss of the wrong enum"] = Declare(Replace("[Loss(LossKind.SoftmaxCrossEntropy)]", "[Loss(Activation.ReLU)]")),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void ProducesNoCodeAndNoDiagnostics(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Cases[name]);

        Assert.Null(run.GeneratorResult.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.GeneratorResult.Diagnostics);

        // Only the valid control model in the same file is generated.
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal("App.Control.g.cs", source.HintName);
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("Net"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheSharedParserNeitherThrowsNorBuildsASpec(string name)
    {
        // The generator catches every exception, so a parser that throws would go unnoticed in the
        // test above; call the parser and the spec builder directly, without that safety net.
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Cases[name]);
        foreach (INamedTypeSymbol type in DeclaredTypes(compilation).Where(t => t.Name == "Net"))
        {
            Model.ModelDeclaration? declaration = Model.ModelReader.Read(type, default);
            if (declaration is not null)
            {
                Assert.Null(Model.ModelSpecBuilder.Build(declaration));
            }
        }
    }

    [Fact]
    public void TheControlModelIsValid()
    {
        // The cases above differ from this one by the single change each names.
        GeneratorRun run = GeneratorHarness.Run(Declare(Valid));
        Assert.Equal(new[] { "App.Control.g.cs", "App.Net.g.cs" }, run.Sources.Select(s => s.HintName).OrderBy(n => n));
    }

    internal static IEnumerable<INamedTypeSymbol> DeclaredTypes(Compilation compilation)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (ISymbol member in pending.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    pending.Push(container);
                }

                if (member is INamedTypeSymbol type)
                {
                    yield return type;
                }
            }
        }
    }
}
