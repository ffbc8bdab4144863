using System.Threading.Tasks;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>GEN001–GEN007: each fires on the exact span, and its near miss is clean.</summary>
public class ErrorRuleTests
{
    [Fact]
    public Task GEN001_non_partial_class() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public class {|GEN001:Net|};
        """);

    [Fact]
    public Task GEN001_generic_class() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class {|GEN001:Net|}<T>;
        """);

    [Fact]
    public Task GEN001_record() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial record {|GEN001:Net|};
        """);

    [Fact]
    public Task GEN001_nested_in_a_non_partial_class() => Verify.AnalyzerAsync("""
        using Gen;

        public class Outer
        {
            [Model(Inputs = 4)]
            [Dense(2)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam]
            public partial class {|GEN001:Net|};
        }
        """);

    [Fact]
    public Task GEN001_near_miss_nested_in_partial_types() => Verify.AnalyzerAsync("""
        using Gen;

        public partial class Outer
        {
            public partial struct Middle
            {
                [Model(Inputs = 4)]
                [Dense(2)]
                [Loss(LossKind.SoftmaxCrossEntropy)]
                [Adam]
                public partial class Net;
            }
        }
        """);

    [Fact]
    public Task GEN002_missing_layer_loss_and_optimizer() => Verify.AnalyzerAsync("""
        using Gen;

        [{|GEN002:{|GEN002:{|GEN002:Model(Inputs = 4)|}|}|}]
        public partial class Net;
        """);

    [Fact]
    public Task GEN002_duplicate_loss_optimizer_and_training() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [{|GEN002:Loss(LossKind.MeanSquaredError)|}]
        [Adam]
        [{|GEN002:Sgd|}]
        [Training]
        [{|GEN002:Training(Epochs = 3)|}]
        public partial class Net;
        """);

    [Fact]
    public Task GEN002_near_miss_optional_training_omitted() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Sgd]
        public partial class Net;
        """);

    [Fact]
    public Task GEN003_non_positive_sizes() => Verify.AnalyzerAsync("""
        using Gen;

        [Model({|GEN003:Inputs = 0|})]
        [Dense({|GEN003:-3|})]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [Training({|GEN003:BatchSize = 0|}, {|GEN003:Epochs = -1|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN003_inputs_not_written_marks_the_attribute() => Verify.AnalyzerAsync("""
        using Gen;

        [{|GEN003:Model|}]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN003_parameter_count_over_the_limit() => Verify.AnalyzerAsync("""
        using Gen;

        [{|GEN003:Model(Inputs = 16384)|}]
        [Dense(4096, Activation.ReLU)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training(BatchSize = 16)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN003_activations_over_the_limit() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 16)]
        [Dense(65536, Activation.ReLU)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training({|GEN003:BatchSize = 2048|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN003_near_miss_parameter_count_at_the_limit() => Verify.AnalyzerAsync("""
        using Gen;

        // 16383 × 4096 + 4096 = 2^26 parameters exactly.
        [Model(Inputs = 16383)]
        [Dense(4096)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [Training(BatchSize = 16)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN004_layers_on_two_parts() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class {|GEN004:Net|};

        [Dense(2)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN004_near_miss_other_parts_on_another_part() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        public partial class Net;

        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN005_non_positive_or_non_finite_hyperparameters() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.LeakyReLU, {|GEN005:NegativeSlope = -0.1f|})]
        [Dense(2)]
        [Loss(LossKind.Huber, {|GEN005:Delta = 0|})]
        [AdamW({|GEN005:LearningRate = float.NaN|}, {|GEN005:Epsilon = 0|}, {|GEN008:WeightDecay = -1|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN005_infinite_learning_rate_of_sgd() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd({|GEN005:LearningRate = float.PositiveInfinity|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN005_near_miss_zero_slope_and_unused_delta() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.LeakyReLU, NegativeSlope = 0)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError, Delta = -1)]
        [AdamW(WeightDecay = 0)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN006_coefficients_outside_zero_one() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [RmsProp({|GEN006:Alpha = 1|}, {|GEN006:Momentum = -0.5f|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN006_adam_betas() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam({|GEN006:Beta1 = -0.1f|}, {|GEN006:Beta2 = 1.5f|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN006_near_miss_zero_momentum_and_beta1() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam(Beta1 = 0)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN007_softmax_with_one_output() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(1)]
        [Loss({|GEN007:LossKind.SoftmaxCrossEntropy|})]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN007_near_miss_softmax_with_two_outputs() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task An_attribute_the_compiler_rejects_adds_no_phantom_diagnostic() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense({|CS1503:"ten"|})]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN001_static_class() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public static partial class {|#0:Net|};
        """,
        Verify.Diagnostic("GEN001", Microsoft.CodeAnalysis.DiagnosticSeverity.Error, 0)
            .WithMessage("Model 'Net' is static: Gen generates the rest of the class, so it must be a non-generic 'partial class' nested only in partial types"));
}
