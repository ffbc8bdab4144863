using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>GEN101–GEN106: each fires on the exact span, and its near miss is clean.</summary>
public class WarningRuleTests
{
    [Fact]
    public Task GEN101_sigmoid_before_softmax_cross_entropy() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(10, {|GEN101:Activation.Sigmoid|})]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN101_relu_before_binary_cross_entropy() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(units: 1, {|GEN101:activation: Activation.ReLU|})]
        [Loss(LossKind.BinaryCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN101_near_miss_logits_written_as_identity() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(10, Activation.Identity)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN102_sigmoid_output_with_mse_marks_the_loss_and_the_activation() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(1, {|#1:Activation.Sigmoid|})]
        [Loss({|#0:LossKind.MeanSquaredError|})]
        [Adam]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN102", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN102_tanh_output_with_mae() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(3, {|#1:Activation.Tanh|})]
        [Loss({|#0:LossKind.MeanAbsoluteError|})]
        [Adam]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN102", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN102_near_miss_relu_output_for_non_negative_regression() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(1, Activation.ReLU)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN103_hidden_layer_without_activation() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [{|GEN103:Dense(16)|}]
        [Dense(16, {|GEN103:Activation.Identity|})]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN103_near_miss_single_linear_layer() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        public partial class Net;
        """);

    [Fact]
    public Task GEN104_learning_rates_outside_the_typical_ranges() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam({|GEN104:LearningRate = 10|})]
        public partial class AdamNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd({|GEN104:LearningRate = 1e-5f|})]
        public partial class SgdNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [RmsProp({|GEN104:LearningRate = 0.1f|})]
        public partial class RmsPropNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdaGrad({|GEN104:LearningRate = 2|})]
        public partial class AdaGradNet;
        """);

    [Fact]
    public Task GEN104_near_miss_boundaries_and_sgd_rates() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(LearningRate = 1e-2f)]
        public partial class AdamWNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(LearningRate = 0.5f)]
        public partial class SgdNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam(LearningRate = 1e-5f)]
        public partial class AdamNet;
        """);

    [Fact]
    public Task GEN104_is_not_added_to_GEN005() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam({|GEN005:LearningRate = -10|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN105_nesterov_without_momentum() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(Momentum = 0, {|GEN105:Nesterov = true|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN105_near_miss_nesterov_with_momentum() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(Momentum = 0.9f, Nesterov = true)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN106_beta2_below_beta1_and_large_epsilon() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam(Beta1 = 0.9f, {|GEN106:Beta2 = 0.5f|}, {|GEN106:Epsilon = 0.1f|})]
        public partial class AdamNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW({|GEN106:Beta1 = 0.9999f|})]
        public partial class AdamWNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [RmsProp({|GEN106:Epsilon = 1|})]
        public partial class RmsPropNet;
        """);

    [Fact]
    public Task GEN106_near_miss_equal_betas_and_epsilon_at_the_bound() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam(Beta1 = 0.95f, Beta2 = 0.95f, Epsilon = 1e-3f)]
        public partial class AdamNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdaGrad(Epsilon = 1e-3f)]
        public partial class AdaGradNet;
        """);
}
