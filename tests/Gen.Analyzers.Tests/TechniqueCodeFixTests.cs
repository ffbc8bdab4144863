using System.Threading.Tasks;
using Gen.CodeFixes;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>
/// GEN108's fix, before and after: [Adam(...)] becomes [AdamW(..., WeightDecay = λ)] and [L2(λ)]
/// goes. Each run also applies fix-all (document, project, solution).
/// </summary>
public class TechniqueCodeFixTests
{
    [Fact]
    public Task GEN108_replaces_adam_by_adamw_with_the_same_arguments_and_removes_l2() => Verify.FixAsync<UseAdamWFix>(
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [{|#1:Adam(LearningRate = 3e-4f, Beta2 = 0.98f)|}]
        [{|#0:L2(1e-4f)|}]
        [Training(Epochs = 5)]
        public partial class Net;
        """,
        """
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(LearningRate = 3e-4f, Beta2 = 0.98f, WeightDecay = 1e-4f)]
        [Training(Epochs = 5)]
        public partial class Net;
        """,
        expected: Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN108_fix_all_rewrites_every_model_of_the_document() => Verify.FixAsync<UseAdamWFix>(
        """
        using Gen;

        // L2 first, with a comment above it that stays.
        [{|#0:L2(lambda: 0.001f)|}]
        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [{|#1:Adam|}]
        public partial class First;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [{|#3:Adam(Epsilon = 1e-7f)|}, {|#2:L2(5e-4f)|}]
        public partial class Second;

        public partial class Outer
        {
            [Model(Inputs = 4)]
            [Dense(2)]
            [Loss(LossKind.MeanSquaredError)]
            [{|#5:AdamAttribute()|}]
            [{|#4:L2Attribute(2e-4f)|}]
            [Training(Epochs = 5)]
            public partial class Nested;
        }
        """,
        """
        using Gen;

        // L2 first, with a comment above it that stays.
        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(WeightDecay = 0.001f)]
        public partial class First;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(Epsilon = 1e-7f, WeightDecay = 5e-4f)]
        public partial class Second;

        public partial class Outer
        {
            [Model(Inputs = 4)]
            [Dense(2)]
            [Loss(LossKind.MeanSquaredError)]
            [AdamWAttribute(WeightDecay = 2e-4f)]
            [Training(Epochs = 5)]
            public partial class Nested;
        }
        """,
        null,
        Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 0, 1),
        Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 2, 3),
        Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 4, 5));

    [Fact]
    public Task GEN108_keeps_a_qualified_name() => Verify.FixAsync<UseAdamWFix>(
        """
        [Gen.Model(Inputs = 4)]
        [Gen.Dense(2)]
        [Gen.Loss(Gen.LossKind.MeanSquaredError)]
        [{|#1:global::Gen.Adam(LearningRate = 1e-3f)|}]
        [{|#0:Gen.L2(1e-4f)|}]
        public partial class Net;
        """,
        """
        [Gen.Model(Inputs = 4)]
        [Gen.Dense(2)]
        [Gen.Loss(Gen.LossKind.MeanSquaredError)]
        [global::Gen.AdamW(LearningRate = 1e-3f, WeightDecay = 1e-4f)]
        public partial class Net;
        """,
        expected: Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN108_writes_adamw_for_an_alias() => Verify.FixAsync<UseAdamWFix>(
        """
        using Gen;
        using Optimizer = Gen.AdamAttribute;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [{|#1:Optimizer(Beta1 = 0.8f)|}]
        [{|#0:L2(1e-4f)|}]
        public partial class Net;
        """,
        """
        using Gen;
        using Optimizer = Gen.AdamAttribute;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [AdamW(Beta1 = 0.8f, WeightDecay = 1e-4f)]
        public partial class Net;
        """,
        expected: Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 0, 1));

    [Fact]
    public Task GEN108_edits_the_optimizer_on_another_part_of_the_class() => Verify.FixAsync<UseAdamWFix>(
        [
            """
            using Gen;

            [Model(Inputs = 4)]
            [Dense(2)]
            [{|#0:L2(1e-4f)|}]
            public partial class Net;
            """,
            """
            using Gen;

            [Loss(LossKind.MeanSquaredError)]
            [{|#1:Adam(LearningRate = 1e-3f)|}]
            public partial class Net;
            """,
        ],
        [
            """
            using Gen;

            [Model(Inputs = 4)]
            [Dense(2)]
            public partial class Net;
            """,
            """
            using Gen;

            [Loss(LossKind.MeanSquaredError)]
            [AdamW(LearningRate = 1e-3f, WeightDecay = 1e-4f)]
            public partial class Net;
            """,
        ],
        expected: Verify.Diagnostic("GEN108", DiagnosticSeverity.Warning, 0, 1));
}
