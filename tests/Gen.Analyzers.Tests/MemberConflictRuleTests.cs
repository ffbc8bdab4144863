using System.Threading.Tasks;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>GEN010: members the user writes that would collide with the generated code.</summary>
public class MemberConflictRuleTests
{
    [Fact]
    public Task GEN010_members_named_like_generated_ones_and_a_parameterless_constructor() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        public partial class Net
        {
            public {|GEN010:Net|}() { }

            public float[] {|GEN010:Predict|}(float[] x) => x;

            private int {|GEN010:_step|};

            private const int {|GEN010:Layer0Units|} = 3;
        }
        """);

    [Fact]
    public Task GEN010_a_primary_constructor_and_a_class_named_like_a_member() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        public partial class {|GEN010:Seed|};

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        public partial class Net{|GEN010:(int size)|}
        {
            public int Size => size;
        }
        """);

    [Fact]
    public Task GEN010_near_miss_other_names_and_a_constructor_with_parameters() => Verify.AnalyzerAsync("""
        using Gen;

        [Model(Inputs = 4)]
        [Dense(2)]
        [Loss(LossKind.MeanSquaredError)]
        [Sgd]
        public partial class Net
        {
            public Net(int size) => Size = size;

            public int Size { get; }

            public float[] PredictArray(float[] x) => x;

            private int _layers;

            public int LayerCount => _layers;
        }
        """);
}
