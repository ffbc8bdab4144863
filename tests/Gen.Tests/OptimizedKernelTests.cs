using System;
using System.Linq;
using System.Reflection;
using Gen.Kernels;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// The kernels a training step runs are compiled optimized from their first call
/// (<see cref="MethodImplAttributes.AggressiveOptimization"/>), not first at tier 0 without inlining:
/// the MNIST sample's ten epochs took 52–108 ms each on average that way, against 26–29 ms.
/// </summary>
public sealed class OptimizedKernelTests
{
    [Theory]
    [InlineData(typeof(ActivationKernels), "ReLU", "ReLUBackward", "LeakyReLU", "LeakyReLUBackward", "SigmoidBackward", "TanhBackward", "Gelu", "GeluBackward")]
    [InlineData(typeof(LossKernels), "SoftmaxCrossEntropy", "SoftmaxCrossEntropyScalar", "SoftmaxCrossEntropyByRow512", "BinaryCrossEntropy", "MeanSquaredError", "MeanAbsoluteError", "Huber")]
    [InlineData(typeof(DenseKernels), "FillRowsWithBias", "BiasGradient", "Gather", "Transpose")]
    [InlineData(typeof(DropoutKernels), "Forward", "Backward")]
    [InlineData(typeof(BatchNormKernels), "ForwardTraining", "ForwardInference", "Backward")]
    [InlineData(typeof(RegularizationKernels), "L2", "L1", "ClipNorm")]
    [InlineData(typeof(MatrixMultiply), "MultiplyBlock512", "MultiplyBlock256", "Tile512x4x4", "Tile512x8x1", "Tile256x6x2", "Row512x8", "Row512x4", "Row512x1", "Row256x2", "Narrow512", "Narrow256", "PackNarrowPanel", "AddNarrowTile", "NonZeroSteps", "TransposedStepLists")]
    [InlineData(typeof(InputSplit), "WeightGradientPart", "Add", "Gather", "Forward", "SplitWeightGradient", "Update", "WaitFor")]
    public void The_kernels_of_a_training_step_skip_tier_0(Type kernels, params string[] names)
    {
        foreach (string name in names)
        {
            MethodInfo[] methods = kernels.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(method => method.Name == name).ToArray();
            Assert.True(methods.Length > 0, $"{kernels.Name}.{name} does not exist.");
            Assert.All(methods, method => Assert.True(
                method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization),
                $"{kernels.Name}.{name} is not marked AggressiveOptimization."));
        }

        // The multiply that generated code calls forwards to the one with the loop over blocks of k.
        MethodInfo blocks = typeof(MatrixMultiply).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(method => method.Name == "Multiply" && method.GetParameters().Length == 11);
        Assert.True(blocks.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));
    }

    [Fact]
    public void A_generated_optimizer_update_skips_tier_0()
    {
        MethodInfo update = typeof(MnistNet).GetMethod("UpdateParameters", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(int), typeof(int)])!;
        Assert.True(update.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));
    }

    /// <summary>
    /// What every step runs around the kernels skips tier 0 too: the generated passes, and the
    /// hand-offs between training threads. With only those at tier 0, the MNIST sample's epochs 3 to 10
    /// took 25–126 ms on two threads, while the background recompilation took a core; with them
    /// optimized from the first call, mostly 24–29 ms.
    /// </summary>
    [Theory]
    [InlineData(typeof(MnistNet), "RunBatch", "Forward", "Backward", "GatherInputs")]
    [InlineData(typeof(WorkerThread), "Post", "Wait", "Loop")]
    public void The_code_around_the_kernels_of_a_step_skips_tier_0(Type type, params string[] names)
    {
        foreach (string name in names)
        {
            MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(method => method.Name == name).ToArray();
            Assert.True(methods.Length > 0, $"{type.Name}.{name} does not exist.");
            Assert.All(methods, method => Assert.True(
                method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization),
                $"{type.Name}.{name} is not marked AggressiveOptimization."));
        }
    }
}
