using System.Threading.Tasks;
using Gen.CodeFixes;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>Every fix before and after; each run also applies fix-all (document, project, solution).</summary>
public class CodeFixTests
{
    [Fact]
    public Task GEN001_makes_the_class_partial() => Verify.FixAsync<MakePartialFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public sealed class {|GEN001:Net|};
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public sealed partial class Net;
        """);

    [Fact]
    public Task GEN001_makes_the_class_and_its_containers_partial() => Verify.FixAsync<MakePartialFix>(
        """
        using Gen;

        static class Outer
        {
            [Model(Inputs = 4)]
            [Dense(2)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam]
            class {|GEN001:Net|}
            {
            }
        }
        """,
        """
        using Gen;

        static partial class Outer
        {
            [Model(Inputs = 4)]
            [Dense(2)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam]
            partial class Net
            {
            }
        }
        """);

    [Fact]
    public Task GEN001_offers_no_fix_for_a_generic_class() => Verify.FixAsync<MakePartialFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public class {|GEN001:Net|}<T>;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public class {|GEN001:Net|}<T>;
        """);

    [Fact]
    public Task GEN101_removes_the_output_activation() => Verify.FixAsync<RemoveOutputActivationFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(10, {|GEN101:Activation.Sigmoid|})]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(10)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN102_switches_to_binary_cross_entropy_on_logits() => Verify.FixAsync<UseBinaryCrossEntropyFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(1, {|#1:Activation.Sigmoid|})]
        [Loss({|#0:LossKind.MeanSquaredError|})]
        [Adam]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(1)]
        [Loss(LossKind.BinaryCrossEntropy)]
        [Adam]
        public partial class Net;
        """,
        expected: Verify.Diagnostic("GEN102", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN102_edits_the_layer_on_another_part_of_the_class() => Verify.FixAsync<UseBinaryCrossEntropyFix>(
        [
            """
            using Gen;

            [Model(Inputs = 4)]
            [Dense(1, {|#1:Activation.Tanh|})]
            public partial class Net;
            """,
            """
            using Gen;

            [Loss({|#0:LossKind.MeanAbsoluteError|})]
            [Adam]
            public partial class Net;
            """,
        ],
        [
            """
            using Gen;

            [Model(Inputs = 4)]
            [Dense(1)]
            public partial class Net;
            """,
            """
            using Gen;

            [Loss(LossKind.BinaryCrossEntropy)]
            [Adam]
            public partial class Net;
            """,
        ],
        expected: Verify.Diagnostic("GEN102", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN103_adds_relu_to_every_linear_hidden_layer() => Verify.FixAsync<AddReluFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [{|GEN103:Dense(16)|}]
        [Dense(32, {|GEN103:Activation.Identity|})]
        [{|GEN103:Dense(units: 16, NegativeSlope = 0.1f)|}]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(16, Activation.ReLU)]
        [Dense(32, Activation.ReLU)]
        [Dense(units: 16, activation: Activation.ReLU, NegativeSlope = 0.1f)]
        [Dense(2)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN103_writes_a_qualified_name_without_using_Gen() => Verify.FixAsync<AddReluFix>(
        """
        [Gen.Model(Inputs = 4)]
        [{|GEN103:Gen.Dense(16)|}]
        [Gen.Dense(2)]
        [Gen.Loss(Gen.LossKind.SoftmaxCrossEntropy)]
        [Gen.Adam]
        public partial class Net;
        """,
        """
        [Gen.Model(Inputs = 4)]
        [Gen.Dense(16, Gen.Activation.ReLU)]
        [Gen.Dense(2)]
        [Gen.Loss(Gen.LossKind.SoftmaxCrossEntropy)]
        [Gen.Adam]
        public partial class Net;
        """);

    [Fact]
    public Task GEN104_sets_the_optimizers_default_learning_rate() => Verify.FixAsync<UseDefaultLearningRateFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam({|GEN104:LearningRate = 10|}, Beta1 = 0.8f)]
        public partial class AdamNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd({|GEN104:LearningRate = 1e-6f|})]
        public partial class SgdNet;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Adam(LearningRate = 0.001f, Beta1 = 0.8f)]
        public partial class AdamNet;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(LearningRate = 0.01f)]
        public partial class SgdNet;
        """);

    [Fact]
    public Task GEN105_removes_nesterov() => Verify.FixAsync<NesterovWithoutMomentumFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(LearningRate = 0.1f, {|GEN105:Nesterov = true|})]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(LearningRate = 0.1f)]
        public partial class Net;
        """,
        NesterovWithoutMomentumFix.RemoveNesterovKey);

    [Fact]
    public Task GEN105_adds_momentum() => Verify.FixAsync<NesterovWithoutMomentumFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd({|GEN105:Nesterov = true|})]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(Nesterov = true, Momentum = 0.9f)]
        public partial class Net;
        """,
        NesterovWithoutMomentumFix.SetMomentumKey);

    [Fact]
    public Task GEN105_replaces_a_written_zero_momentum() => Verify.FixAsync<NesterovWithoutMomentumFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(Momentum = 0f, {|GEN105:Nesterov = true|})]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd(Momentum = 0.9f, Nesterov = true)]
        public partial class Net;
        """,
        NesterovWithoutMomentumFix.SetMomentumKey);
}
