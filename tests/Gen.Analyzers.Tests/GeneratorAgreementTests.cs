using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Gen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>
/// The analyzer and the generator share one reader and one rule set: the generator emits a
/// model's code exactly when the analyzer reports no error for it, warnings or not.
/// </summary>
public class GeneratorAgreementTests
{
    public static TheoryData<string, string> Declarations => new()
    {
        { "clean README model", "[Model(Inputs = 784, Seed = 42)] [Dense(128, Activation.ReLU)] [Dense(10)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam(LearningRate = 1e-3f)] [Training(BatchSize = 64, Epochs = 10)] public partial class Net;" },
        { "warnings only", "[Model(Inputs = 4)] [Dense(100)] [Dense(1, Activation.Sigmoid)] [Loss(LossKind.MeanSquaredError)] [Sgd(LearningRate = 5, Nesterov = true)] [Training(BatchSize = 7)] public partial class Net;" },
        { "GEN001", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net<T>;" },
        { "GEN002", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] public partial class Net;" },
        { "GEN003", "[Model(Inputs = 4)] [Dense(0)] [Loss(LossKind.MeanSquaredError)] [Adam] public partial class Net;" },
        { "GEN004", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net; [Dense(2)] public partial class Net;" },
        { "GEN005", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.Huber, Delta = 0)] [Adam] public partial class Net;" },
        { "GEN006", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.MeanSquaredError)] [Adam(Beta2 = 1)] public partial class Net;" },
        { "GEN007", "[Model(Inputs = 4)] [Dense(1)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net;" },
        { "techniques, clean", "[Model(Inputs = 784, Seed = 42)] [Dense(128, Activation.ReLU)] [BatchNorm] [Dropout(0.2f)] [Dense(10)] [Loss(LossKind.SoftmaxCrossEntropy)] [AdamW] [CosineDecay] [Warmup(Epochs = 1)] [EarlyStopping(Patience = 3)] [L1(1e-5f)] [ClipGradientNorm(1)] [Training(Epochs = 10, ValidationFraction = 0.1f)] public partial class Net;" },
        { "techniques, warnings only", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [BatchNorm] [Dropout(0.7f)] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] [L2(1e-4f)] [StepDecay] [EarlyStopping(Patience = 10)] [Training(BatchSize = 4)] public partial class Net;" },
        { "GEN002 two decays", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.MeanSquaredError)] [Sgd] [StepDecay(StepEpochs = 3)] [CosineDecay] public partial class Net;" },
        { "GEN007 accuracy of a regression", "[Model(Inputs = 4)] [Dense(1)] [Loss(LossKind.MeanSquaredError)] [Sgd] [EarlyStopping(Monitor = Metric.ValidationAccuracy)] public partial class Net;" },
        { "GEN008 dropout rate 1", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [Dropout(1f)] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net;" },
        { "GEN008 warmup in epochs and steps", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.MeanSquaredError)] [Sgd] [Warmup(Epochs = 1, Steps = 10)] public partial class Net;" },
        { "GEN008 negative weight decay", "[Model(Inputs = 4)] [Dense(2)] [Loss(LossKind.MeanSquaredError)] [AdamW(WeightDecay = -1)] public partial class Net;" },
        { "GEN009 dropout last", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [Dense(2)] [Dropout(0.2f)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net;" },
        { "GEN009 two dropouts", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [Dropout(0f)] [Dropout(0.2f)] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net;" },
        { "GEN009 batch norm twice", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [BatchNorm] [BatchNorm] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net;" },
        { "GEN112 batch norm after dropout", "[Model(Inputs = 4)] [Dense(16, Activation.ReLU)] [Dropout(0.2f)] [BatchNorm] [Dense(2)] [Loss(LossKind.SoftmaxCrossEntropy)] [Adam] public partial class Net;" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public async Task Generator_emits_code_exactly_when_the_analyzer_reports_no_error(string name, string declaration)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Agreement",
            [CSharpSyntaxTree.ParseText("using Gen;\n" + declaration, new CSharpParseOptions(LanguageVersion.Preview), path: "Net.cs")],
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(ModelAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        ImmutableArray<Diagnostic> reported = await compilation
            .WithAnalyzers([new ModelAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        bool analyzerFoundError = reported.Any(d => d.Severity == DiagnosticSeverity.Error);

        GeneratorDriverRunResult run = CSharpGeneratorDriver
            .Create(new ModelGenerator())
            .RunGenerators(compilation)
            .GetRunResult();
        bool generatorEmitted = run.GeneratedTrees.Length > 0;

        Assert.True(
            generatorEmitted != analyzerFoundError,
            $"{name}: generator emitted = {generatorEmitted}, analyzer errors = [{string.Join(", ", reported.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id))}]");
        Assert.Equal(name.StartsWith("GEN", System.StringComparison.Ordinal), analyzerFoundError);
    }
}
