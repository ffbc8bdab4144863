using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gen.Generators.Tests;

/// <summary>
/// The generator's pipeline is incremental: an edit that does not touch a model re-runs nothing
/// downstream of parsing and produces no new source; an edit of a model's attributes does.
/// </summary>
public sealed class CachingTests
{
    private const string Model = """
        using Gen;

        namespace App;

        [Model(Inputs = 4, Seed = 1)]
        [Dense(8, Activation.ReLU)]
        [Dense(3)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        public partial class Iris;
        """;

    private const string Unrelated = """
        namespace App;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    private static readonly string[] TrackedSteps = { TrackingNames.Specs, TrackingNames.ValidSpecs };

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Single(first.GeneratedSources);

        // The first run computes every step.
        foreach (string step in TrackedSteps)
        {
            Assert.True(first.TrackedSteps.ContainsKey(step), $"The step {step} was not tracked.");
            Assert.All(Outputs(first, step), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        }

        return (driver, compilation);
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason);

    private static void AssertNothingRecomputed(GeneratorRunResult second)
    {
        Assert.Null(second.Exception);
        foreach (string step in TrackedSteps)
        {
            var reasons = Outputs(second, step).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} reported {reason} after an unrelated edit."));
        }

        // No source was produced anew: every output step was served from the cache.
        var sourceOutputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(run => run.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddingAnUnrelatedFileRerunsNothing(bool techniques)
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(techniques ? ModelWithTechniques : Model);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, path: "Helpers.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertNothingRecomputed(second);
        Assert.Equal(before, second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void EditingAnUnrelatedFileRerunsNothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Unrelated);

        SyntaxTree helpers = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Helpers"));
        SyntaxTree editedHelpers = helpers.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Unrelated.Replace("x * 2", "x + x") + "\npublic class Extra { }\n"));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(helpers, editedHelpers)).GetRunResult().Results.Single();

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void EditingTheModelFileOutsideTheAttributesRerunsNothingDownstream()
    {
        // A new member in the model's own file re-parses the model, but the spec compares equal,
        // so nothing after it runs again.
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model);

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SyntaxTree edited = model.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Model + "\ninternal static class Notes { public const string Text = \"training notes\"; }\n"));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(model, edited)).GetRunResult().Results.Single();

        Assert.Null(second.Exception);
        Assert.All(Outputs(second, TrackingNames.ValidSpecs), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"ValidSpecs reported {reason}."));
        Assert.All(
            second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void EditingTheModelsAttributesChangesTheOutput()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Unrelated);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        SyntaxTree model = compilation.SyntaxTrees.Single(t => t.ToString().Contains("[Model"));
        SyntaxTree edited = model.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Model.Replace("[Dense(8, Activation.ReLU)]", "[Dense(16, Activation.Tanh)]")));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(model, edited)).GetRunResult().Results.Single();

        Assert.Null(second.Exception);
        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.Specs));
        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.ValidSpecs));
        Assert.Contains(
            second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(run => run.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);

        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("private const int Layer0Units = 16;", after);
        Assert.Contains("ActivationKernels.Tanh(", after);
    }

    [Fact]
    public void EditingAnotherPartOfTheModelChangesTheOutput()
    {
        // [Model] in one file, the rest of the declaration on another part in another file: an
        // edit there must reach the generated code, though the [Model] node did not change.
        const string modelPart = """
            using Gen;

            namespace App;

            [Model(Inputs = 4, Seed = 1)]
            public partial class Iris;
            """;
        const string layersPart = """
            using Gen;

            namespace App;

            [Dense(8, Activation.ReLU)]
            [Dense(3)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam]
            public partial class Iris;
            """;
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(modelPart, layersPart);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        SyntaxTree layers = compilation.SyntaxTrees.Single(t => t.ToString().Contains("[Dense"));
        SyntaxTree edited = layers.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(layersPart.Replace("[Adam]", "[Sgd(LearningRate = 0.1f)]")));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(layers, edited)).GetRunResult().Results.Single();

        Assert.Null(second.Exception);
        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.ValidSpecs));
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("SGDUpdate(", after);
    }

    [Fact]
    public void MakingTheModelInvalidRemovesItsSource()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model);

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SyntaxTree edited = model.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Model.Replace("[Adam]", "[Adam(LearningRate = -1f)]")));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(model, edited)).GetRunResult().Results.Single();

        Assert.Null(second.Exception);
        Assert.Empty(second.GeneratedSources);
        Assert.Contains(IncrementalStepRunReason.Removed, Outputs(second, TrackingNames.ValidSpecs));
    }

    /// <summary>A model with every training technique, so that their parts of the spec are compared too.</summary>
    private const string ModelWithTechniques = """
        using Gen;

        namespace App;

        [Model(Inputs = 4, Seed = 1)]
        [Dense(16, Activation.ReLU)]
        [BatchNorm(Momentum = 0.2f)]
        [Dropout(0.25f)]
        [Dense(8, Activation.Tanh)]
        [Dropout(0.1f)]
        [Dense(3)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Sgd(LearningRate = 0.1f, Momentum = 0.9f)]
        [L1(1e-4f)]
        [L2(1e-3f)]
        [ClipGradientNorm(2f)]
        [LinearDecay(Epochs = 8, EndFactor = 0.1f)]
        [Warmup(Steps = 10)]
        [ReduceOnPlateau(Factor = 0.5f, Patience = 2)]
        [EarlyStopping(Patience = 3, MinDelta = 1e-3f, Monitor = Metric.ValidationAccuracy)]
        [Training(BatchSize = 8, Epochs = 10, ValidationFraction = 0.2f)]
        public partial class Iris;
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpecsAreValueEqualAcrossCompilations(bool techniques)
    {
        // The pipeline model must compare by value: the same declaration parsed twice, in two
        // unrelated compilations, gives equal specs.
        static object Spec(CSharpCompilation compilation)
        {
            GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
            return result.TrackedSteps[TrackingNames.ValidSpecs].Single().Outputs.Single().Value;
        }

        string model = techniques ? ModelWithTechniques : Model;
        object first = Spec(GeneratorHarness.CreateCompilation(model));
        object second = Spec(GeneratorHarness.CreateCompilation(Unrelated, model));
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }
}
