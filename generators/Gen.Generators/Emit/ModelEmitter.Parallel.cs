using Gen.Generators.Model;

namespace Gen.Generators.Emit;

// Multi-threaded training (TrainingThreads above 1): the first layer's inputs are split across
// threads by the runtime's InputSplit, which calls back into UpdateParameters for each thread's range.
internal static partial class ModelEmitter
{
    private static void EmitParallelState(CodeWriter w)
    {
        w.Line("// Multi-threaded training (TrainingThreads above 1): the first layer's inputs split across threads.");
        w.Line("private global::Gen.Kernels.InputSplit? _inputSplit;");
        w.Line();
    }

    private static void EmitParallelMembers(CodeWriter w, ModelSpec model)
    {
        string name = CodeWriter.Identifier(model.Type.Name);
        w.Line("/// <summary>");
        w.Line("/// Threads a training step uses: 1, the default, or more. The first layer, which does most of the");
        w.Line("/// arithmetic, splits its input features across the threads: each thread computes its part of the");
        w.Line("/// forward product, the weight gradient of its inputs' rows and their optimizer update, so no other core");
        w.Line("/// touches its rows of the weights; the rest of the step runs on the calling thread. The result");
        w.Line("/// equals one thread's up to float rounding. At most one thread per");
        w.Line("/// <see cref=\"global::Gen.Kernels.InputSplit.MinimumInputsPerThread\"/> inputs of the first layer is used;");
        w.Line("/// idle worker threads end themselves after a second. Prediction always runs on the calling thread, and a");
        w.Line("/// clone starts with 1.");
        w.Line("/// </summary>");
        using (w.OpenBlock("public int TrainingThreads"))
        {
            w.Line("get => _inputSplit?.Threads ?? 1;");
            using (w.OpenBlock("set"))
            {
                w.Line($"global::Gen.Kernels.ModelGuard.TrainingThreads(value, nameof({name}));");
                w.Line("_inputSplit?.CompleteAhead(); // a gather asked of the old split is done before it goes");
                w.Line("var split = value == 1 ? null : new global::Gen.Kernels.InputSplit(this, value, BatchSize, Layer0Inputs, Layer0Units, Layer0Weights, ParameterCount);");
                w.Line("// A first layer too narrow to split trains on this thread alone, as with 1.");
                w.Line("_inputSplit = split is { Threads: > 1 } ? split : null;");
            }
        }

        w.Line();
        using (w.OpenBlock("void global::Gen.Kernels.IParameterUpdate.UpdateParameters(int from, int to)"))
        {
            w.Line("global::Gen.Kernels.ModelGuard.ParameterRange(from, to, ParameterCount, nameof(" + name + "));");
            w.Line("UpdateParameters(from, to);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Copies the features of <paramref name=\"samples\"/> (indices of whole samples of <paramref name=\"features\"/>)");
        w.Line("/// into consecutive rows of <paramref name=\"batch\"/>, for <see cref=\"TrainStep\"/>. With <see cref=\"TrainingThreads\"/>");
        w.Line("/// above 1 each thread copies the features its part of the first layer reads, so they arrive in its core's cache.");
        w.Line("/// </summary>");
        w.OptimizedFromFirstCall();
        using (w.OpenBlock("public void GatherInputs(global::System.ReadOnlySpan<float> features, global::System.ReadOnlySpan<int> samples, global::System.Span<float> batch)"))
        {
            w.Line($"global::Gen.Kernels.ModelGuard.GatheredRows(features, InputCount, samples, batch, BatchSize, nameof({name}));");
            using (w.OpenBlock("if (_inputSplit is { } split)"))
            {
                w.Line("split.Gather(features, samples, batch);");
            }

            using (w.OpenBlock("else"))
            {
                w.Line("global::Gen.Kernels.DenseKernels.Gather(features, InputCount, samples, batch, 0, InputCount);");
            }
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// <see cref=\"GatherInputs\"/> for the step after the next, if <see cref=\"TrainingThreads\"/> is above 1: the threads");
        w.Line("/// copy the samples during the next <see cref=\"TrainStep\"/> (or ComputeGradients) where they would otherwise wait: the");
        w.Line("/// workers while the calling thread computes the layers after the first, then whichever threads are done with the");
        w.Line("/// first layer's weight gradient; the copy is complete when that call returns (or at the next gather, or when TrainingThreads changes). Until then <paramref name=\"batch\"/> must be left alone,");
        w.Line("/// and it must not be the next step's inputs. On one thread nothing is copied and it returns false: gather with");
        w.Line("/// GatherInputs just before the step, when the rows land in the cache the step reads them from. The indices are checked either way.");
        w.Line("/// </summary>");
        w.OptimizedFromFirstCall();
        using (w.OpenBlock("public bool GatherInputsAhead(global::System.ReadOnlyMemory<float> features, global::System.ReadOnlySpan<int> samples, global::System.Memory<float> batch)"))
        {
            w.Line($"global::Gen.Kernels.ModelGuard.GatheredRows(features.Span, InputCount, samples, batch.Span, BatchSize, nameof({name}));");
            w.Line("_inputSplit?.GatherAhead(features, samples, batch);");
            w.Line("return _inputSplit is not null;");
        }

        w.Line();
    }

    private static void EmitSplitWeightGradient(CodeWriter w, string outputGradient, string weightGradient, string biasGradient)
    {
        w.Line("// Each thread writes the weight-gradient rows of its input features; this thread sums the bias gradient meanwhile.");
        w.Line($"split.WeightGradient(inputs, {outputGradient}, {weightGradient}, {biasGradient}, rows);");
    }

    /// <summary>
    /// Whether a multi-threaded TrainStep takes the optimizer step inside the first layer's weight
    /// gradient. Not when regularization changes the gradients after the backward pass, or clipping
    /// needs all of them before any update: then the step follows the backward pass, as on one thread.
    /// </summary>
    private static bool UpdatesInBackward(ModelSpec model) =>
        model.Regularization.L1 == 0f && model.Regularization.L2 == 0f && model.Regularization.MaxGradientNorm == 0f;

    /// <summary>Layer 0's forward product in training: split across threads when TrainingThreads is above 1.</summary>
    private static void EmitFirstLayerForward(CodeWriter w, string serialCall, string weights, string bias, string target)
    {
        using (w.OpenBlock("if (training && _inputSplit is { } split)"))
        {
            w.Line("// Split across TrainingThreads threads by input features; each thread's part of the sum is added here.");
            w.Line($"split.Forward(inputs, {weights}, {bias}, {target}, rows);");
        }

        using (w.OpenBlock("else"))
        {
            w.Line(serialCall);
        }
    }

    /// <summary>
    /// Layer 0's weight (and bias) gradients: with TrainingThreads above 1 each thread writes the
    /// weight rows of its inputs, and this thread sums the bias gradient meanwhile.
    /// </summary>
    private static void EmitFirstLayerWeightGradient(CodeWriter w, bool updates, string[] serialCalls, string outputGradient, string weightGradient, string biasGradient)
    {
        using (w.OpenBlock("if (_inputSplit is { } split)"))
        {
            if (updates)
            {
                using (w.OpenBlock("if (applyGradients)"))
                {
                    w.Line("// Every other gradient is final: each thread computes the weight-gradient rows of its input features");
                    w.Line("// a block at a time and updates each block while it is in its cache; this thread then updates the rest.");
                    w.Line("_step++;");
                    w.Line($"split.WeightGradientAndUpdate(inputs, {outputGradient}, {weightGradient}, {biasGradient}, rows);");
                }

                using (w.OpenBlock("else"))
                {
                    EmitSplitWeightGradient(w, outputGradient, weightGradient, biasGradient);
                }
            }
            else
            {
                EmitSplitWeightGradient(w, outputGradient, weightGradient, biasGradient);
            }
        }

        using (w.OpenBlock("else"))
        {
            foreach (string call in serialCalls)
            {
                w.Line(call);
            }
        }
    }
}
