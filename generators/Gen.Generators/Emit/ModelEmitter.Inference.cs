using Gen.Generators.Model;

namespace Gen.Generators.Emit;

internal static partial class ModelEmitter
{
    private static void EmitInference(CodeWriter w, ModelSpec model)
    {
        string name = CodeWriter.Identifier(model.Type.Name);
        bool labels = IsClassifier(model);
        LayerSpec last = Last(model);
        string output = $"_layer{last.Index}Output";
        string targetParameter = labels ? "global::System.ReadOnlySpan<int> labels" : "global::System.ReadOnlySpan<float> targets";
        string otherParameter = labels ? "global::System.ReadOnlySpan<float> targets" : "global::System.ReadOnlySpan<int> labels";

        w.Line("/// <summary>");
        w.Line("/// The mean loss of up to <see cref=\"BatchSize\"/> samples, without training: writes what");
        w.Line("/// <see cref=\"Predict\"/> would to <paramref name=\"outputs\"/>. Changes nothing in the model.");
        w.Line("/// </summary>");
        using (w.OpenBlock($"public float ComputeLoss(global::System.ReadOnlySpan<float> inputs, {targetParameter}, global::System.Span<float> outputs)"))
        {
            w.Line(labels
                ? $"int rows = global::Gen.Kernels.ModelGuard.LabelledRows(inputs, InputCount, labels, OutputCount, BatchSize, nameof({name}));"
                : $"int rows = global::Gen.Kernels.ModelGuard.TargetRows(inputs, InputCount, targets, OutputCount, BatchSize, nameof({name}));");
            w.Line($"global::Gen.Kernels.ModelGuard.Outputs(outputs, rows, OutputCount, nameof({name}));");
            w.Line("Forward(inputs, rows, training: false);");
            switch (model.Loss.Kind)
            {
                case LossKind.SoftmaxCrossEntropy:
                    w.Line($"return global::Gen.Kernels.LossKernels.SoftmaxCrossEntropy({output}, labels, outputs, global::System.Span<float>.Empty, rows, OutputCount);");
                    break;
                case LossKind.BinaryCrossEntropy:
                    w.Line($"return global::Gen.Kernels.LossKernels.BinaryCrossEntropy({output}, targets, outputs, global::System.Span<float>.Empty, rows * OutputCount);");
                    break;
                default:
                    w.Line($"{output}.AsSpan(0, rows * OutputCount).CopyTo(outputs);");
                    w.Line(model.Loss.Kind switch
                    {
                        LossKind.MeanSquaredError => $"return global::Gen.Kernels.LossKernels.MeanSquaredError({output}, targets, global::System.Span<float>.Empty, rows * OutputCount);",
                        LossKind.MeanAbsoluteError => $"return global::Gen.Kernels.LossKernels.MeanAbsoluteError({output}, targets, global::System.Span<float>.Empty, rows * OutputCount);",
                        _ => $"return global::Gen.Kernels.LossKernels.Huber({output}, targets, global::System.Span<float>.Empty, rows * OutputCount, HuberDelta);",
                    });
                    break;
            }
        }

        w.Line();
        w.Line($"float global::Gen.ITrainableModel<{name}>.ComputeLoss(global::System.ReadOnlySpan<float> inputs, {otherParameter}, global::System.Span<float> outputs) =>");
        w.Line($"    throw global::Gen.Kernels.ModelGuard.WrongTargetKind(nameof({name}), needsLabels: {(labels ? "true" : "false")});");
        w.Line();

        w.Line("/// <summary>");
        w.Line(model.Loss.Kind switch
        {
            LossKind.SoftmaxCrossEntropy => "/// The class probabilities (softmax of the logits) of one or more samples.",
            LossKind.BinaryCrossEntropy => "/// The probabilities (sigmoid of the logits) of one or more samples.",
            _ => "/// The outputs of one or more samples.",
        });
        w.Line("/// <paramref name=\"input\"/> holds whole samples of <see cref=\"InputCount\"/> features and");
        w.Line("/// <paramref name=\"output\"/> receives <see cref=\"OutputCount\"/> values per sample; any number");
        w.Line("/// of samples is taken, <see cref=\"BatchSize\"/> at a time. Allocates nothing.");
        w.Line("/// </summary>");
        using (w.OpenBlock("public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)"))
        {
            w.Line($"int samples = global::Gen.Kernels.ModelGuard.Samples(input, InputCount, output, OutputCount, nameof({name}));");
            using (w.OpenBlock("for (int start = 0; start < samples; start += BatchSize)"))
            {
                w.Line("int rows = global::System.Math.Min(BatchSize, samples - start);");
                w.Line("Forward(input.Slice(start * InputCount, rows * InputCount), rows, training: false);");
                w.Line("global::System.Span<float> destination = output.Slice(start * OutputCount, rows * OutputCount);");
                w.Line(model.Loss.Kind switch
                {
                    LossKind.SoftmaxCrossEntropy => $"global::Gen.Kernels.OutputKernels.Softmax({output}, destination, rows, OutputCount);",
                    LossKind.BinaryCrossEntropy => $"global::Gen.Kernels.OutputKernels.Sigmoid({output}.AsSpan(0, rows * OutputCount), destination);",
                    _ => $"{output}.AsSpan(0, rows * OutputCount).CopyTo(destination);",
                });
            }
        }

        w.Line();
        if (labels)
        {
            w.Line("/// <summary>The most probable class of one sample.</summary>");
            using (w.OpenBlock("public int Classify(global::System.ReadOnlySpan<float> input)"))
            {
                w.Line($"global::Gen.Kernels.ModelGuard.OneSample(input, InputCount, nameof({name}));");
                w.Line("Forward(input, 1, training: false);");
                w.Line("// Softmax keeps the order of the logits, so the largest logit is the most probable class.");
                w.Line($"return global::Gen.Kernels.OutputKernels.ArgMax({output}.AsSpan(0, OutputCount));");
            }

            w.Line();
        }
        else if (model.Loss.Kind == LossKind.BinaryCrossEntropy && model.Outputs == 1)
        {
            w.Line("/// <summary>The predicted class of one sample: 1 when its probability is at least 0.5, else 0.</summary>");
            using (w.OpenBlock("public int Classify(global::System.ReadOnlySpan<float> input)"))
            {
                w.Line($"global::Gen.Kernels.ModelGuard.OneSample(input, InputCount, nameof({name}));");
                w.Line("Forward(input, 1, training: false);");
                w.Line("// sigmoid(z) ≥ 0.5 exactly when the logit z ≥ 0.");
                w.Line($"return {output}[0] >= 0f ? 1 : 0;");
            }

            w.Line();
        }

        w.Line("/// <summary>The mean loss and, for classifiers, the accuracy on <paramref name=\"data\"/>.</summary>");
        w.Line("public global::Gen.Evaluation Evaluate(global::Gen.Dataset data) => global::Gen.Trainer.Evaluate(this, data);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Trains for <see cref=\"Epochs\"/> epochs of mini-batches of <see cref=\"BatchSize\"/>, shuffled");
        w.Line("/// from <see cref=\"Seed\"/>, evaluating <paramref name=\"validation\"/> after each epoch;");
        w.Line("/// writes <paramref name=\"checkpoints\"/> and continues from <paramref name=\"resumeFrom\"/> when given.");
        w.Line("/// </summary>");
        w.Line("public global::Gen.TrainingHistory Fit(global::Gen.Dataset train, global::Gen.Dataset? validation = null, global::System.IProgress<global::Gen.EpochReport>? progress = null, global::System.Threading.CancellationToken cancellationToken = default, global::Gen.CheckpointOptions? checkpoints = null, string? resumeFrom = null) =>");
        w.Line("    global::Gen.Trainer.Fit(this, train, validation, progress, cancellationToken, checkpoints, resumeFrom);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Saves the weights as safetensors (<c>layers.{i}.weight</c> [units, inputs] and <c>layers.{i}.bias</c>,");
        w.Line("/// as PyTorch's nn.Linear), atomically: a failed save leaves any previous file intact.");
        w.Line("/// </summary>");
        w.Line("public void Save(string path) => global::Gen.ModelFile.Save(this, path);");
        w.Line();
        w.Line("/// <summary>Loads weights saved for this architecture; on any error the model is unchanged.</summary>");
        w.Line("public void Load(string path) => global::Gen.ModelFile.Load(this, path);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the model for inference as ONNX: input <c>input</c> [N, <see cref=\"InputCount\"/>], output");
        w.Line("/// <c>output</c> [N, <see cref=\"OutputCount\"/>], computing what <see cref=\"Predict\"/> does. Atomic like <see cref=\"Save\"/>.");
        w.Line("/// </summary>");
        w.Line("public void ExportOnnx(string path) => global::Gen.OnnxExport.Save(this, path);");
        w.Line();
    }
}
