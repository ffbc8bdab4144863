using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Generators.Tests;

/// <summary>
/// The generated code of representative models, compared with <c>Baselines/&lt;Name&gt;.g.cs</c>,
/// and compiled against the Gen runtime without an error or a warning.
/// </summary>
public sealed class GoldenFileTests
{
    /// <summary>Name of the baseline → the user's source and the hint name of the generated file.</summary>
    private static readonly Dictionary<string, (string Source, string HintName)> Models = new()
    {
        // The README's model.
        ["MnistNet"] = ("""
            using Gen;

            namespace Mnist;

            [Model(Inputs = 784, Seed = 42)]
            [Dense(128, Activation.ReLU)]
            [Dense(10)]                                   // logits
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam(LearningRate = 1e-3f)]
            [Training(BatchSize = 64, Epochs = 10)]
            public partial class MnistNet;
            """, "Mnist.MnistNet.g.cs"),

        // Regression: tanh and GELU hidden layers, several outputs, Huber loss, SGD with Nesterov momentum.
        ["HousePrices"] = ("""
            using Gen;

            namespace Regression.Models;

            [Model(Inputs = 13, Seed = 7)]
            [Dense(32, Activation.Tanh)]
            [Dense(16, Activation.GELU)]
            [Dense(2)]
            [Loss(LossKind.Huber, Delta = 0.5f)]
            [Sgd(LearningRate = 0.05f, Momentum = 0.9f, Nesterov = true)]
            [Training(BatchSize = 16, Epochs = 20)]
            public partial class HousePrices
            {
            }
            """, "Regression.Models.HousePrices.g.cs"),

        // Binary classifier: one output, LeakyReLU with its slope, RMSProp with momentum, default [Training].
        ["SpamFilter"] = ("""
            using Gen;

            namespace Mail
            {
                [Model(Inputs = 57, Seed = 3)]
                [Dense(24, Activation.LeakyReLU, NegativeSlope = 0.2f)]
                [Dense(1)]
                [Loss(LossKind.BinaryCrossEntropy)]
                [RmsProp(LearningRate = 0.001f, Alpha = 0.9f, Momentum = 0.5f)]
                internal sealed partial class SpamFilter;
            }
            """, "Mail.SpamFilter.g.cs"),

        // Nested in a partial class in a namespace: AdamW, sigmoid and ReLU layers, a negative seed.
        ["NestedAdamW"] = ("""
            using Gen;

            namespace Company.Vision
            {
                public static partial class Models
                {
                    [Model(Inputs = 64, Seed = -1)]
                    [Dense(48, Activation.Sigmoid)]
                    [Dense(32, Activation.ReLU)]
                    [Dense(4)]
                    [Loss(LossKind.SoftmaxCrossEntropy)]
                    [AdamW(LearningRate = 3e-4f, Beta2 = 0.98f, WeightDecay = 0.05f)]
                    [Training(BatchSize = 128, Epochs = 5)]
                    public partial class Digits;
                }
            }
            """, "Company.Vision.Models.Digits.g.cs"),

        // The global namespace: AdaGrad, mean absolute error, every argument at its default.
        ["GlobalAdaGrad"] = ("""
            using Gen;

            [Model(Inputs = 3)]
            [Dense(5, Activation.Sigmoid)]
            [Dense(3)]
            [Loss(LossKind.MeanAbsoluteError)]
            [AdaGrad]
            partial class Smoother;
            """, "Smoother.g.cs"),

        // The smallest model: one linear layer, mean squared error, plain SGD.
        ["LinearRegression"] = ("""
            namespace Basics
            {
                [Gen.Model(Inputs = 1, Seed = 1)]
                [Gen.Dense(1)]
                [Gen.Loss(Gen.LossKind.MeanSquaredError)]
                [Gen.Sgd(LearningRate = 0.1f)]
                [Gen.Training(BatchSize = 1, Epochs = 100)]
                public partial class LinearRegression { }
            }
            """, "Basics.LinearRegression.g.cs"),

        // The training techniques on a classifier: batch normalization and dropout after hidden
        // layers, AdamW, cosine decay with warm-up, gradient clipping, early stopping, a validation split.
        ["RegularizedMnist"] = ("""
            using Gen;

            namespace Mnist.Regularized;

            [Model(Inputs = 784, Seed = 42)]
            [Dense(256, Activation.ReLU)]
            [BatchNorm]
            [Dropout(0.2f)]
            [Dense(128, Activation.GELU)]
            [Dropout(0.1f)]
            [Dense(10)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [AdamW(LearningRate = 1e-3f, WeightDecay = 0.05f)]
            [CosineDecay(Epochs = 20, MinLearningRate = 1e-5f)]
            [Warmup(Epochs = 1)]
            [ClipGradientNorm(1f)]
            [EarlyStopping(Patience = 3, Monitor = Metric.ValidationAccuracy)]
            [Training(BatchSize = 64, Epochs = 20, ValidationFraction = 0.1f)]
            public partial class RegularizedMnist;
            """, "Mnist.Regularized.RegularizedMnist.g.cs"),

        // The training techniques on a regression: L1 and L2 penalties, batch normalization with its
        // own momentum and epsilon, step decay, warm-up in steps, reduce-on-plateau.
        ["RegularizedRegression"] = ("""
            using Gen;

            namespace Regression.Models;

            [Model(Inputs = 13, Seed = 5)]
            [Dense(32, Activation.Tanh)]
            [BatchNorm(Momentum = 0.05f, Epsilon = 1e-3f)]
            [Dense(1)]
            [Loss(LossKind.MeanSquaredError)]
            [Sgd(LearningRate = 0.01f, Momentum = 0.9f)]
            [L1(1e-4f)]
            [L2(1e-3f)]
            [StepDecay(StepEpochs = 5, Gamma = 0.5f)]
            [Warmup(Steps = 100)]
            [ReduceOnPlateau(Factor = 0.5f, Patience = 2)]
            [Training(BatchSize = 16, Epochs = 30)]
            public partial class RegularizedRegression;
            """, "Regression.Models.RegularizedRegression.g.cs"),
    };

    public static TheoryData<string> Names => new(Models.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedCodeMatchesBaseline(string name)
    {
        (string source, string hintName) = Models[name];
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Null(run.GeneratorResult.Exception);
        Assert.Empty(run.Diagnostics);
        GeneratedSourceResult generated = Assert.Single(run.Sources);
        Assert.Equal(hintName, generated.HintName);
        Baselines.Verify(name, generated.SourceText.ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedCodeCompilesWithoutErrorsOrWarnings(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Models[name].Source);

        Assert.Single(run.Sources);
        var problems = GeneratorHarness.ErrorsAndWarnings(run);
        Assert.True(problems.IsEmpty, GeneratorHarness.Format(problems));
    }

    [Theory]
    [InlineData("sv-SE")] // '−' (U+2212) as the negative sign
    [InlineData("de-DE")] // ',' as the decimal separator
    [InlineData("ar-SA")]
    public void GeneratedCodeDoesNotDependOnTheCulture(string culture)
    {
        // The compiler runs the generator in the developer's culture; the code must not change.
        var expected = Models.Keys.ToDictionary(name => name, Generate);
        System.Globalization.CultureInfo saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
            Assert.All(Models.Keys, name => Assert.Equal(expected[name], Generate(name)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }

        static string Generate(string name) =>
            Assert.Single(GeneratorHarness.Run(Models[name].Source).Sources).SourceText.ToString();
    }

    [Fact]
    public void EveryBaselineBelongsToAModel()
    {
        // A renamed or removed model must not leave a stale baseline behind.
        if (Baselines.Updating)
        {
            foreach (string path in System.IO.Directory.GetFiles(Baselines.Directory, "*.g.cs"))
            {
                if (!Models.ContainsKey(System.IO.Path.GetFileName(path)[..^".g.cs".Length]))
                {
                    System.IO.File.Delete(path);
                }
            }

            return;
        }

        var files = System.IO.Directory.GetFiles(Baselines.Directory, "*.g.cs")
            .Select(path => System.IO.Path.GetFileName(path)[..^".g.cs".Length])
            .OrderBy(n => n, System.StringComparer.Ordinal);
        Assert.Equal(Models.Keys.OrderBy(n => n, System.StringComparer.Ordinal), files);
    }
}
