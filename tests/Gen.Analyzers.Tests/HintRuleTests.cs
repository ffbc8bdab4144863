using System.Threading.Tasks;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>GEN201: sizes that leave a scalar tail after the 16-float Vector512 loops.</summary>
public class HintRuleTests
{
    [Fact]
    public Task GEN201_batch_size_and_hidden_width() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 784)]
        [Dense({|GEN201:100|}, Activation.ReLU)]
        [Dense(10)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training({|GEN201:BatchSize = 50|})]
        public partial class Net;
        """);

    [Fact]
    public Task GEN201_near_miss_output_width_and_inputs_are_free() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 13)]
        [Dense(48, Activation.ReLU)]
        [Dense(3)]
        [Loss(LossKind.SoftmaxCrossEntropy)]
        [Adam]
        [Training(BatchSize = 16)]
        public partial class Net;
        """);
}
