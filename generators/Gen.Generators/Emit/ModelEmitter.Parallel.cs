using Gen.Generators.Model;

namespace Gen.Generators.Emit;

// Data-parallel training: TrainingThreads, the replicas that compute shards of a mini-batch, and
// the IBatchShard implementation the runtime's DataParallelStep drives.
internal static partial class ModelEmitter
{
    private const string Parallel = "global::Gen.Kernels";

    /// <summary>
    /// A model can split its mini-batches across threads unless batch normalization needs the
    /// whole batch's statistics, or it is abstract and no replica can be made.
    /// </summary>
    private static bool SupportsDataParallelism(ModelSpec model) => !model.Type.IsAbstract && !HasBatchNorm(model);

    private static bool HasBatchNorm(ModelSpec model)
    {
        foreach (LayerSpec layer in model.Layers)
        {
            if (layer.BatchNorm is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDropout(ModelSpec model)
    {
        foreach (LayerSpec layer in model.Layers)
        {
            if (layer.HasDropout)
            {
                return true;
            }
        }

        return false;
    }

    private static void EmitParallelState(CodeWriter w, ModelSpec model)
    {
        if (!SupportsDataParallelism(model))
        {
            return;
        }

        w.Line("// Data parallelism (TrainingThreads above 1): the replicas and worker threads that compute shards of a batch.");
        w.Line($"private {Parallel}.DataParallelStep? _dataParallel;");
        if (HasDropout(model))
        {
            w.Line("// The first row of the shard this instance computes, so its dropout masks are those of its rows' place in the batch.");
            w.Line("private int _shardRowOffset;");
        }

        w.Line();
    }

    /// <summary>The dispatch at the top of ComputeGradients, after the guard has counted the rows.</summary>
    private static void EmitParallelDispatch(CodeWriter w, ModelSpec model)
    {
        if (!SupportsDataParallelism(model))
        {
            return;
        }

        string arguments = IsClassifier(model)
            ? "inputs, labels, global::System.ReadOnlySpan<float>.Empty"
            : "inputs, global::System.ReadOnlySpan<int>.Empty, targets";
        using (w.OpenBlock("if (_dataParallel is { } parallel && rows >= parallel.MinimumRows)"))
        {
            w.Line("// Split across TrainingThreads threads; their gradients are summed, weighted by their rows.");
            w.Line($"return parallel.Run({arguments}, rows, _step);");
        }

        w.Line();
    }

    private static void EmitParallelMembers(CodeWriter w, ModelSpec model)
    {
        string name = CodeWriter.Identifier(model.Type.Name);
        w.Line("/// <summary>");
        w.Line("/// Threads that <see cref=\"TrainStep\"/> and <see cref=\"ComputeGradients\"/> split each mini-batch across:");
        w.Line("/// 1, the default, or more for data-parallel training. Each extra thread computes a share of the rows");
        w.Line("/// on a replica with its own buffers that reads this model's parameters, and the shares' gradients are");
        w.Line("/// summed before the optimizer step: the same step as on one thread, up to float rounding. Batches of");
        w.Line("/// fewer than 8 rows per thread run on one thread. Idle worker threads end themselves after a second.");
        w.Line("/// </summary>");
        if (!SupportsDataParallelism(model))
        {
            string reason = model.Type.IsAbstract
                ? "an abstract model cannot make the replicas that other threads train on"
                : "batch normalization needs the statistics of the whole mini-batch, so it trains on one thread";
            using (w.OpenBlock("public int TrainingThreads"))
            {
                w.Line("get => 1;");
                w.Line($"set => global::Gen.Kernels.ModelGuard.SingleThreaded(value, nameof({name}), \"{reason}\");");
            }

            w.Line();
            return;
        }

        string targetsPerRow = IsClassifier(model) ? "0" : "OutputCount";
        using (w.OpenBlock("public int TrainingThreads"))
        {
            w.Line("get => _dataParallel?.Threads ?? 1;");
            using (w.OpenBlock("set"))
            {
                w.Line($"global::Gen.Kernels.ModelGuard.TrainingThreads(value, nameof({name}));");
                using (w.OpenBlock("if (value == TrainingThreads)"))
                {
                    w.Line("return;");
                }

                w.Line();
                using (w.OpenBlock("if (value == 1)"))
                {
                    w.Line("// The worker threads end themselves once idle.");
                    w.Line("_dataParallel = null;");
                    w.Line("return;");
                }

                w.Line();
                w.Line($"var replicas = new {Parallel}.IBatchShard[value - 1];");
                using (w.OpenBlock("for (int r = 0; r < replicas.Length; r++)"))
                {
                    w.Line("// A replica has its own activation and gradient buffers, and reads this model's parameters.");
                    w.Line($"var replica = new {name}();");
                    w.Line("replica._parameters = _parameters;");
                    w.Line("replicas[r] = replica;");
                }

                w.Line();
                w.Line($"_dataParallel = new {Parallel}.DataParallelStep(this, replicas, InputCount, targetsPerRow: {targetsPerRow});");
            }
        }

        w.Line();
        bool dropout = HasDropout(model);
        string targetArgument = IsClassifier(model) ? "labels" : "targets";
        using (w.OpenBlock($"float {Parallel}.IBatchShard.ComputeShard(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<int> labels, global::System.ReadOnlySpan<float> targets, int rows, int rowOffset, int step)"))
        {
            w.Line(dropout
                ? "// A replica trains the model's step, and its dropout masks are those of its rows' place in the batch."
                : "// A replica trains the model's step.");
            w.Line("_step = step;");
            if (dropout)
            {
                w.Line("_shardRowOffset = rowOffset;");
                w.Line($"float loss = ComputeBatch(inputs, {targetArgument}, rows);");
                w.Line("_shardRowOffset = 0;");
                w.Line("return loss;");
            }
            else
            {
                w.Line($"return ComputeBatch(inputs, {targetArgument}, rows);");
            }
        }

        w.Line();
        w.Line($"global::System.Span<float> {Parallel}.IBatchShard.ShardGradients => _gradients;");
        w.Line();
        w.Line($"void {Parallel}.IBatchShard.UpdateParameters(int from, int to) => UpdateParameters(from, to);");
        w.Line();
    }

    /// <summary>
    /// The data-parallel training step at the top of TrainStep: the shards' gradients, then the sum and
    /// the optimizer's update one range of parameters per thread. Clipping needs the norm of the whole
    /// sum first, so a model that clips sums on one thread (in ComputeGradients) and updates as usual.
    /// </summary>
    private static void EmitParallelTrainStep(CodeWriter w, ModelSpec model)
    {
        if (!SupportsDataParallelism(model) || model.Regularization.MaxGradientNorm > 0f)
        {
            return;
        }

        string name = CodeWriter.Identifier(model.Type.Name);
        bool labels = IsClassifier(model);
        string arguments = labels
            ? "inputs, labels, global::System.ReadOnlySpan<float>.Empty"
            : "inputs, global::System.ReadOnlySpan<int>.Empty, targets";
        using (w.OpenBlock("if (_dataParallel is { } parallel)"))
        {
            w.Line(labels
                ? $"int rows = global::Gen.Kernels.ModelGuard.LabelledRows(inputs, InputCount, labels, OutputCount, BatchSize, nameof({name}));"
                : $"int rows = global::Gen.Kernels.ModelGuard.TargetRows(inputs, InputCount, targets, OutputCount, BatchSize, nameof({name}));");
            using (w.OpenBlock("if (rows >= parallel.MinimumRows)"))
            {
                w.Line("// Each thread computes its shard of the rows, then sums the gradients of its range of the");
                w.Line("// parameters and updates them: the optimizer's pass is split across the threads too.");
                w.Line($"float batchLoss = parallel.ComputeShards({arguments}, rows, _step);");
                w.Line("_step++;");
                w.Line("parallel.CombineAndUpdate();");
                w.Line("return batchLoss;");
            }
        }

        w.Line();
    }

    /// <summary>The seed of a layer's dropout mask: the shard's row offset moves it to the shard's rows.</summary>
    private static string DropoutSeed(ModelSpec model, int layer) =>
        SupportsDataParallelism(model)
            ? $"{Kernels}.DropoutKernels.SeedOf(Seed, {layer}, _step, _shardRowOffset * Layer{layer}Units)"
            : $"{Kernels}.DropoutKernels.SeedOf(Seed, {layer}, _step)";
}
