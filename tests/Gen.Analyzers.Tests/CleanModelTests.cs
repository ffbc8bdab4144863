using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>The README's model is clean, and severities follow .editorconfig.</summary>
public class CleanModelTests
{
    private const string Mnist = """
        using Gen;

        [Model(Inputs = 784, Seed = 42)]
        [Dense(128, Activation.ReLU)]
        [Dense(10)]                                   // logits
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam(LearningRate = 1e-3f)]
        [Training(BatchSize = 64, Epochs = 10)]
        public partial class MnistNet;
        """;

    [Fact]
    public Task Readme_mnist_model_has_no_diagnostic_at_all() => Verify.AnalyzerAsync(Mnist);

    [Fact]
    public Task A_class_without_Model_is_not_analyzed() => Verify.AnalyzerAsync("""
        using Gen;

        [Dense(3)]
        [Adam(LearningRate = 10)]
        public class NotAModel;
        """);

    [Fact]
    public Task A_warning_can_be_silenced_in_editorconfig() => Verify.AnalyzerWithConfigAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam(LearningRate = 10)]
        public partial class Net;
        """,
        "dotnet_diagnostic.GEN104.severity = none\n");

    [Fact]
    public Task An_info_can_be_raised_to_an_error_in_editorconfig() => Verify.AnalyzerWithConfigAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [Training({|#0:BatchSize = 50|})]
        public partial class Net;
        """,
        "dotnet_diagnostic.GEN201.severity = error\n",
        Verify.Diagnostic("GEN201", DiagnosticSeverity.Error, 0));
}
