using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>
/// The errors of the training techniques: GEN008 (a value out of range), GEN009 and GEN112 (a
/// layer in the wrong place), and the technique cases of GEN002, GEN003 and GEN007. Each fires on
/// the exact span, and its near miss is clean.
/// </summary>
public class TechniqueErrorRuleTests
{
    [Fact]
    public Task GEN008_dropout_rate_outside_zero_one() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dropout({|GEN008:1f|})]
        [Dense(16, Activation.ReLU)]
        [Dropout({|GEN008:rate: -0.1f|})]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_near_miss_dropout_rate_zero() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dropout(0f)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_regularization_and_weight_decay_negative_or_not_finite() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW({|GEN008:WeightDecay = float.PositiveInfinity|})]
        [L1({|GEN008:-1e-4f|})]
        [L2({|GEN008:lambda: float.NaN|})]
        [ClipGradientNorm({|GEN008:0|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_near_miss_zero_lambdas_and_weight_decay() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(WeightDecay = 0)]
        [L1(0)]
        [L2(0)]
        [ClipGradientNorm(1e-3f)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_clip_norm_not_finite() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [ClipGradientNorm({|GEN008:maxNorm: float.PositiveInfinity|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_schedule_factors_outside_their_ranges() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [StepDecay(StepEpochs = 3, {|GEN008:Gamma = 0|})]
        public partial class Step;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [ExponentialDecay({|GEN008:Gamma = 1.5f|})]
        public partial class Exponential;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [LinearDecay({|GEN008:EndFactor = 1.5f|})]
        public partial class Linear;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [CosineDecay({|GEN008:MinLearningRate = -1e-3f|})]
        public partial class Cosine;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [ReduceOnPlateau({|GEN008:Factor = float.NaN|}, {|GEN008:Patience = 0|})]
        public partial class Plateau;
        """);

    [Fact]
    public Task GEN008_near_miss_factors_at_their_bounds() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [StepDecay(StepEpochs = 3, Gamma = 1)]
        [ReduceOnPlateau(Factor = 1, Patience = 1)]
        public partial class Step;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [LinearDecay(EndFactor = 1)]
        public partial class Linear;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [CosineDecay(MinLearningRate = 0)]
        public partial class Cosine;
        """);

    [Fact]
    public Task GEN008_schedule_lengths_not_positive() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [StepDecay({|GEN008:StepEpochs = 0|})]
        public partial class Step;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [LinearDecay(EndFactor = 0.5f, {|GEN008:Epochs = -1|})]
        public partial class Linear;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [CosineDecay({|GEN008:Epochs = 0|})]
        public partial class Cosine;
        """);

    [Fact]
    public Task GEN008_warmup_neither_both_or_negative() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [{|GEN008:Warmup|}]
        public partial class Neither;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup({|GEN008:Steps = 0|})]
        public partial class Zero;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup(Epochs = 2, {|GEN008:Steps = 100|})]
        public partial class Both;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup(Steps = 100, {|GEN008:Epochs = 2|})]
        public partial class BothStepsFirst;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup({|GEN008:Steps = -5|})]
        public partial class Negative;
        """);

    [Fact]
    public Task GEN008_near_miss_warmup_in_epochs_or_in_steps() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup(Epochs = 1)]
        public partial class InEpochs;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup(Epochs = 0, Steps = 500)]
        public partial class InSteps;
        """);

    [Fact]
    public Task GEN008_early_stopping_batch_norm_and_validation_fraction() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm({|GEN008:Momentum = 1.5f|}, {|GEN008:Epsilon = 0|})]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [EarlyStopping({|GEN008:Patience = 0|}, {|GEN008:MinDelta = -0.01f|})]
        [Training({|GEN008:ValidationFraction = 1|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_near_miss_bounds_that_are_allowed() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm(Momentum = 1, Epsilon = 1e-3f)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [EarlyStopping(Patience = 1, MinDelta = 0)]
        [Training(ValidationFraction = 0.99f)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN008_names_the_value_and_the_range() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [ExponentialDecay({|#0:Gamma = 0|})]
        [Warmup(Epochs = 2, {|#1:Steps = 100|})]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN008", DiagnosticSeverity.Error, 0)
            .WithMessage("The ExponentialDecay Gamma is 0; expected a factor in (0, 1]"),
        Verify.Diagnostic("GEN008", DiagnosticSeverity.Error, 1)
            .WithMessage("The Warmup Steps is 100; expected 0 when Epochs is set (2): a warmup lasts either Epochs or Steps, not both"));

    [Fact]
    public Task GEN009_dropout_or_batch_norm_first() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [{|GEN009:Dropout(0.2f)|}]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class DropoutFirst;

        [Model(Inputs = 4)]
        [{|GEN009:BatchNorm|}]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class BatchNormFirst;
        """);

    [Fact]
    public Task GEN009_dropout_or_batch_norm_last() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        [{|GEN009:Dropout(0.2f)|}]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class DropoutLast;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        [{|GEN009:BatchNorm(Momentum = 0.01f)|}]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class BatchNormLast;
        """);

    [Fact]
    public Task GEN009_every_entry_after_the_output_layer() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        [{|GEN009:BatchNorm|}]
        [{|GEN009:Dropout(0.2f)|}]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN009_batch_norm_after_batch_norm() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm]
        [{|GEN009:BatchNorm|}]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN009_two_dropouts_after_the_same_dense_layer() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm]
        [Dropout(0.2f)]
        [{|#0:Dropout(0.2f)|}]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN009", DiagnosticSeverity.Error, 0)
            .WithMessage("[Dropout] is the second dropout after Dense layer 1 (Dense(16)); keep one dropout per layer (one [Dropout(0.36f)] drops as many units as these two)"));

    [Fact]
    public Task GEN009_near_miss_dense_batch_norm_dropout_on_every_hidden_layer() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(32, Activation.ReLU)]
        [BatchNorm]
        [Dropout(0.2f)]
        [Dense(16, Activation.ReLU)]
        [Dropout(0.1f)]
        [Dense(16, Activation.Tanh)]
        [BatchNorm]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN009_not_reported_when_layers_are_on_two_parts() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class {|GEN004:Net|};

        [Dropout(0.2f)]
        [Dense(2)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN112_batch_norm_after_dropout_is_an_error() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dropout(0.2f)]
        [{|#0:BatchNorm|}]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN112", DiagnosticSeverity.Error, 0)
            .WithMessage("[BatchNorm] follows the [Dropout] of Dense layer 1 (Dense(16)), but BatchNorm normalizes that Dense layer's pre-activation, before its activation and dropout; put BatchNorm right after the Dense and Dropout after it"));

    [Fact]
    public Task GEN112_near_miss_batch_norm_then_dropout() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm]
        [Dropout(0.2f)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN002_techniques_declared_twice() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [StepDecay(StepEpochs = 3)]
        [{|GEN002:CosineDecay|}]
        [{|GEN002:ExponentialDecay|}]
        [Warmup(Epochs = 1)]
        [{|GEN002:Warmup(Steps = 10)|}]
        [ReduceOnPlateau]
        [{|GEN002:ReduceOnPlateau|}]
        [EarlyStopping(Patience = 3)]
        [{|GEN002:EarlyStopping(Patience = 3)|}]
        [L1(1e-5f)]
        [{|GEN002:L1(1e-5f)|}]
        [L2(1e-4f)]
        [{|GEN002:L2(1e-4f)|}]
        [ClipGradientNorm(1)]
        [{|GEN002:ClipGradientNorm(5)|}]
        public partial class Net;
        """);

    [Fact]
    public Task GEN002_near_miss_one_decay_a_warmup_and_a_plateau() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [CosineDecay]
        [Warmup(Epochs = 1)]
        [ReduceOnPlateau]
        [EarlyStopping]
        [L1(1e-5f)]
        [L2(1e-4f)]
        [ClipGradientNorm(1)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN007_accuracy_monitored_on_a_regression_loss() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(1)]
        [Loss(LossKind.Huber)]
        [Adam]
        [EarlyStopping(Patience = 3, {|#0:Monitor = Metric.ValidationAccuracy|})]
        public partial class Huber;

        [Model(Inputs = 4)]
        [Dense(1)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [EarlyStopping({|GEN007:Monitor = Gen.Metric.ValidationAccuracy|})]
        public partial class Mse;

        [Model(Inputs = 4)]
        [Dense(1)]
        [Loss(LossKind.MeanAbsoluteError)]
        [Adam]
        [EarlyStopping({|GEN007:Monitor = Metric.ValidationAccuracy|})]
        public partial class Mae;
        """,
        Verify.Diagnostic("GEN007", DiagnosticSeverity.Error, 0)
            .WithMessage("EarlyStopping monitors Metric.ValidationAccuracy, but LossKind.Huber is a regression loss and a regression model has no accuracy; monitor Metric.ValidationLoss"));

    [Fact]
    public Task GEN007_near_miss_accuracy_of_a_classifier_and_loss_of_a_regression() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(1)]
        [Loss(LossKind.BinaryCrossEntropy)]
        [Adam]
        [EarlyStopping(Monitor = Metric.ValidationAccuracy)]
        public partial class Binary;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [EarlyStopping(Monitor = Metric.ValidationAccuracy)]
        public partial class Softmax;

        [Model(Inputs = 4)]
        [Dense(1)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [EarlyStopping(Monitor = Metric.ValidationLoss)]
        public partial class Regression;
        """);

    [Fact]
    public Task GEN003_unknown_monitor() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [EarlyStopping({|GEN003:Monitor = (Metric)7|})]
        public partial class Net;
        """);
}
