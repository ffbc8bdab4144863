using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>Messages name the value and the expected range, in the invariant culture.</summary>
public class MessageTests
{
    [Fact]
    public Task GEN104_says_typical_and_names_the_range_and_default() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam({|#0:LearningRate = 10|})]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN104", DiagnosticSeverity.Warning, 0)
            .WithMessage("The learning rate of Adam is 10, outside the typical range for Adam (1e-5 to 1e-2); its default is 0.001"));

    [Fact]
    public Task GEN003_names_the_parameter_count_and_the_limit() => Verify.AnalyzerAsync(
        """
        using Gen;

        [{|#0:Model(Inputs = 16384)|}]
        [Dense(4096, Activation.ReLU)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training(BatchSize = 16)]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN003", DiagnosticSeverity.Error, 0)
            .WithMessage("The parameter count is 67,121,154; expected at most 67,108,864"));

    [Fact]
    public Task GEN201_names_the_width_and_the_nearest_multiples() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 784)]
        [Dense({|#0:100|}, Activation.ReLU)]
        [Dense(10)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training({|#1:BatchSize = 8|})]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN201", DiagnosticSeverity.Info, 0)
            .WithMessage("The width of hidden layer 1 is 100, not a multiple of the SIMD width (16 floats), so every step runs a scalar tail; 96 or 112 would not"),
        Verify.Diagnostic("GEN201", DiagnosticSeverity.Info, 1)
            .WithMessage("BatchSize is 8, not a multiple of the SIMD width (16 floats), so every step runs a scalar tail; 16 would not"));

    [Fact]
    public Task GEN106_names_both_betas() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam({|#0:Beta2 = 0.5f|})]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN106", DiagnosticSeverity.Warning, 0)
            .WithMessage("Beta2 is 0.5; expected a value at least Beta1 (0.9): the second-moment average must span more steps than the first (default 0.999)"));
}
