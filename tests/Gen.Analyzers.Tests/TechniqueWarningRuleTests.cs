using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>
/// The warnings of the training techniques, GEN107–GEN111 and GEN113: each fires on the exact
/// span, and its near miss is clean. A full model using every technique has no diagnostic.
/// </summary>
public class TechniqueWarningRuleTests
{
    [Fact]
    public Task Full_model_with_every_technique_has_no_diagnostic_at_all() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 784, Seed = 42)]
        [Dense(128, Activation.ReLU)]
        [BatchNorm]
        [Dropout(0.2f)]
        [Dense(10)]                                   // logits
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [AdamW]
        [CosineDecay]
        [Warmup(Epochs = 1)]
        [EarlyStopping(Patience = 3)]
        [Training(Epochs = 10)]
        public partial class MnistNet;
        """);

    [Fact]
    public Task GEN107_dropout_rate_above_one_half() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dropout({|#0:0.8f|})]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN107", DiagnosticSeverity.Warning, 0)
            .WithMessage("The dropout rate is 0.8, above 0.5: most units are dropped at every step, which slows training and tends to underfit; rates of 0.1 to 0.5 are usual"));

    [Fact]
    public Task GEN107_near_miss_dropout_rate_one_half() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dropout(0.5f)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN108_l2_with_adam_marks_the_l2_and_the_optimizer() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [{|#1:Adam(LearningRate = 3e-4f)|}]
        [{|#0:L2(1e-4f)|}]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 0, 1)
            .WithMessage("L2 in Adam is not weight decay: Adam divides the penalty's gradient by the same running scale as the loss's, so weights with large gradients barely decay; use AdamW(WeightDecay = 0.0001) instead of [Adam] and [L2(0.0001)]"));

    [Fact]
    public Task GEN108_near_miss_l2_with_sgd_and_zero_l2_with_adam() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(Momentum = 0.9f)]
        [L2(1e-4f)]
        public partial class WithSgd;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [L2(0)]
        [L1(1e-4f)]
        public partial class WithAdam;
        """);

    [Fact]
    public Task GEN109_l2_with_adamw_weight_decay() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW({|#1:WeightDecay = 0.05f|})]
        [{|#0:L2(1e-4f)|}]
        public partial class Written;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [{|#3:AdamW|}]
        [{|#2:L2(1e-4f)|}]
        public partial class Default;
        """,
        Verify.Diagnostic("GEN109", DiagnosticSeverity.Warning, 0, 1)
            .WithMessage("[L2(0.0001)] and AdamW's WeightDecay (0.05) both pull the weights toward zero, so they decay twice; keep WeightDecay and remove [L2], or set WeightDecay = 0"),
        Verify.Diagnostic("GEN109", DiagnosticSeverity.Warning, 2, 3));

    [Fact]
    public Task GEN109_near_miss_l2_with_adamw_without_weight_decay() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(WeightDecay = 0)]
        [L2(1e-4f)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN110_step_decay_and_warmup_as_long_as_the_training() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [StepDecay({|#0:StepEpochs = 10|})]
        public partial class Step;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [{|GEN110:StepDecay|}]
        public partial class StepDefaults;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        [Warmup({|#1:Epochs = 12|})]
        [Training(Epochs = 12)]
        public partial class LongWarmup;
        """,
        Verify.Diagnostic("GEN110", DiagnosticSeverity.Warning, 0)
            .WithMessage("StepDecay decays every 10 epochs, but training runs 10: the learning rate never changes; use a StepEpochs below 10"),
        Verify.Diagnostic("GEN110", DiagnosticSeverity.Warning, 1)
            .WithMessage("The Warmup lasts 12 epochs, but training runs 12: the learning rate is still rising when training ends; use a warmup of a few epochs, or Steps"));

    [Fact]
    public Task GEN110_learning_rate_below_1e_8_before_the_last_epoch() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [ExponentialDecay({|#0:Gamma = 0.1f|})]
        public partial class Exponential;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [StepDecay(StepEpochs = 2, {|GEN110:Gamma = 0.01f|})]
        public partial class Step;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [CosineDecay({|GEN110:Epochs = 5|})]
        public partial class Cosine;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [LinearDecay({|GEN110:Epochs = 8|})]
        [Training(Epochs = 20)]
        public partial class Linear;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [{|GEN110:CosineDecay|}]
        [Training(Epochs = 11)]
        public partial class CosineDefaults;
        """,
        Verify.Diagnostic("GEN110", DiagnosticSeverity.Warning, 0)
            .WithMessage("ExponentialDecay lowers the learning rate to 1E-9 in epoch 7 of 10, below 1E-8: training stops moving from there; decay more slowly, or over the whole training"));

    [Fact]
    public Task GEN110_near_miss_schedules_that_act_and_keep_training() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [StepDecay(StepEpochs = 9)]
        [Warmup(Epochs = 9)]
        public partial class Step;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [ExponentialDecay(Gamma = 0.5f)]
        [Warmup(Steps = 100000)]
        public partial class Exponential;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [CosineDecay(Epochs = 10)]
        public partial class Cosine;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [CosineDecay(Epochs = 5, MinLearningRate = 1e-5f)]
        public partial class CosineWithFloor;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [LinearDecay(EndFactor = 0.1f, Epochs = 5)]
        public partial class Linear;
        """);

    [Fact]
    public Task GEN111_patience_not_below_the_epochs() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [EarlyStopping({|#0:Patience = 10|})]
        public partial class Written;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [{|GEN111:EarlyStopping(MinDelta = 1e-3f)|}]
        [Training(Epochs = 4)]
        public partial class Default;
        """,
        Verify.Diagnostic("GEN111", DiagnosticSeverity.Warning, 0)
            .WithMessage("EarlyStopping's Patience is 10, but training runs 10 epochs: it can never stop early; use a Patience well below the number of epochs"));

    [Fact]
    public Task GEN111_near_miss_patience_below_the_epochs() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [EarlyStopping(Patience = 9)]
        public partial class Net;
        """);

    [Fact]
    public Task GEN113_batch_norm_with_a_batch_below_8() => Verify.AnalyzerAsync(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training({|#0:BatchSize = 4|})]
        public partial class Net;
        """,
        Verify.Diagnostic("GEN113", DiagnosticSeverity.Warning, 0)
            .WithMessage("BatchSize is 4 and the model uses BatchNorm: statistics of fewer than 8 samples are noisy, and so are the running averages Predict uses; use a BatchSize of at least 8"),
        Verify.Diagnostic("GEN201", DiagnosticSeverity.Info, 0));

    [Fact]
    public Task GEN113_near_miss_batch_of_8_or_no_batch_norm() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training({|GEN201:BatchSize = 8|})]
        public partial class WithBatchNorm;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training({|GEN201:BatchSize = 4|})]
        public partial class WithoutBatchNorm;
        """);

    [Fact]
    public Task Warnings_stay_quiet_about_values_an_error_rejects() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dropout({|GEN008:1.5f|})]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [L2({|GEN008:-1f|})]
        [StepDecay({|GEN008:StepEpochs = 0|})]
        [Warmup({|GEN008:Epochs = -20|})]
        [EarlyStopping({|GEN008:Patience = -1|})]
        public partial class Net;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam]
        [StepDecay]
        [EarlyStopping(Patience = 20)]
        [Training({|GEN003:Epochs = 0|})]
        public partial class NoEpochs;
        """);
}
