using Gen.Generators.Model;

namespace Gen.Generators.Emit;

internal static partial class ModelEmitter
{
    private const string Kernels = "global::Gen.Kernels";

    private static string WeightsOf(string buffer, int i) => $"{buffer}.AsSpan(Layer{i}Weights, Layer{i}Inputs * Layer{i}Units)";

    private static string BiasesOf(string buffer, int i) => $"{buffer}.AsSpan(Layer{i}Biases, Layer{i}Units)";

    private static string ScalesOf(string buffer, int i) => $"{buffer}.AsSpan(Layer{i}NormScales, Layer{i}Units)";

    private static string ShiftsOf(string buffer, int i) => $"{buffer}.AsSpan(Layer{i}NormShifts, Layer{i}Units)";

    private static string Rows(string buffer, int i) => $"{buffer}.AsSpan(0, rows * Layer{i}Units)";

    /// <summary>
    /// What layer <paramref name="i"/> reads: the model's inputs, or the previous layer's output
    /// (after dropout when training, since dropout is the identity in inference).
    /// </summary>
    private static string InputOf(ModelSpec model, int i, bool? training)
    {
        if (i == 0)
        {
            return "inputs";
        }

        LayerSpec previous = model.Layers[i - 1];
        if (!previous.HasDropout || training == false)
        {
            return $"_layer{i - 1}Output";
        }

        return training == true ? $"_layer{i - 1}Dropped" : $"(training ? _layer{i - 1}Dropped : _layer{i - 1}Output)";
    }

    /// <summary>Where the layer's pre-activation ends up before the activation runs.</summary>
    private static string ActivationInput(LayerSpec layer) =>
        layer.Activation == ActivationKind.GELU ? $"_layer{layer.Index}PreActivation" : $"_layer{layer.Index}Output";

    private static bool HasTrainingOnlyLayers(ModelSpec model)
    {
        foreach (LayerSpec layer in model.Layers)
        {
            if (layer.HasDropout || layer.BatchNorm is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static void EmitForward(CodeWriter w, ModelSpec model)
    {
        w.Line("/// <summary>");
        w.Line("/// The forward pass of <paramref name=\"rows\"/> samples, layer by layer, into the layers' output buffers.");
        w.Line(HasTrainingOnlyLayers(model)
            ? "/// In training, batch normalization uses the batch's statistics and dropout drops units; in inference neither does."
            : "/// It is the same in training and inference.");
        w.Line("/// </summary>");
        w.OptimizedFromFirstCall();
        using (w.OpenBlock("private void Forward(global::System.ReadOnlySpan<float> inputs, int rows, bool training)"))
        {
            foreach (LayerSpec layer in model.Layers)
            {
                int i = layer.Index;
                if (i > 0)
                {
                    w.Line();
                }

                w.Line($"// Layer {i}: {Describe.Layer(layer)}.");
                string input = InputOf(model, i, training: null);
                string target = ActivationInput(layer);
                // Without batch normalization the product (plus bias) goes straight to the activation's
                // input; with it, to the normalization's input, and the normalization's shift replaces the bias.
                bool normalized = layer.BatchNorm is not null;
                string product = normalized ? $"_layer{i}Linear" : target;
                string call = normalized
                    ? $"{Kernels}.DenseKernels.ForwardWithoutBias({input}, {WeightsOf("_parameters", i)}, {product}, rows, Layer{i}Inputs, Layer{i}Units);"
                    : $"{Kernels}.DenseKernels.Forward({input}, {WeightsOf("_parameters", i)}, {BiasesOf("_parameters", i)}, {product}, rows, Layer{i}Inputs, Layer{i}Units);";
                if (i == 0)
                {
                    EmitFirstLayerForward(w, call, WeightsOf("_parameters", i), normalized ? "global::System.ReadOnlySpan<float>.Empty" : BiasesOf("_parameters", i), product);
                    if (normalized || layer.Activation != ActivationKind.Identity)
                    {
                        w.Line();
                    }
                }
                else
                {
                    w.Line(call);
                }

                if (normalized)
                {
                    using (w.OpenBlock("if (training)"))
                    {
                        w.Line($"{Kernels}.BatchNormKernels.ForwardTraining(");
                        w.Line($"    _layer{i}Linear, _layer{i}Normalized, {target}, {ScalesOf("_parameters", i)}, {ShiftsOf("_parameters", i)},");
                        w.Line($"    _layer{i}BatchMean, _layer{i}InverseStd, _statistics.AsSpan(Layer{i}RunningMeans, Layer{i}Units), _statistics.AsSpan(Layer{i}RunningVariances, Layer{i}Units),");
                        w.Line($"    rows, Layer{i}Units, Layer{i}NormMomentum, Layer{i}NormEpsilon);");
                    }

                    using (w.OpenBlock("else"))
                    {
                        w.Line($"{Kernels}.BatchNormKernels.ForwardInference(");
                        w.Line($"    _layer{i}Linear, {target}, {ScalesOf("_parameters", i)}, {ShiftsOf("_parameters", i)},");
                        w.Line($"    _statistics.AsSpan(Layer{i}RunningMeans, Layer{i}Units), _statistics.AsSpan(Layer{i}RunningVariances, Layer{i}Units), rows, Layer{i}Units, Layer{i}NormEpsilon);");
                    }

                    if (layer.Activation != ActivationKind.Identity)
                    {
                        w.Line();
                    }
                }

                switch (layer.Activation)
                {
                    case ActivationKind.ReLU:
                        w.Line($"{Kernels}.ActivationKernels.ReLU({Rows($"_layer{i}Output", i)});");
                        break;
                    case ActivationKind.LeakyReLU:
                        w.Line($"{Kernels}.ActivationKernels.LeakyReLU({Rows($"_layer{i}Output", i)}, Layer{i}NegativeSlope);");
                        break;
                    case ActivationKind.Sigmoid:
                        w.Line($"{Kernels}.ActivationKernels.Sigmoid({Rows($"_layer{i}Output", i)});");
                        break;
                    case ActivationKind.Tanh:
                        w.Line($"{Kernels}.ActivationKernels.Tanh({Rows($"_layer{i}Output", i)});");
                        break;
                    case ActivationKind.GELU:
                        w.Line($"{Kernels}.ActivationKernels.Gelu({Rows($"_layer{i}PreActivation", i)}, {Rows($"_layer{i}Output", i)});");
                        break;
                }

                if (layer.HasDropout)
                {
                    w.Line();
                    w.Line("// Inverted dropout, in training only; the mask depends on the seed, the layer and the step.");
                    using (w.OpenBlock("if (training)"))
                    {
                        w.Line($"{Kernels}.DropoutKernels.Forward({Rows($"_layer{i}Output", i)}, _layer{i}Dropped, _layer{i}DropoutMask, Layer{i}DropoutRate, {Kernels}.DropoutKernels.SeedOf(Seed, {i}, _step));");
                    }
                }
            }
        }

        w.Line();
    }

    private static void EmitBackward(CodeWriter w, ModelSpec model)
    {
        w.Line("/// <summary>");
        w.Line("/// The backward pass, last layer first, from the loss gradient in the last layer's output");
        w.Line("/// gradient buffer to every weight and bias gradient.");
        w.Line("/// </summary>");
        w.OptimizedFromFirstCall();
        using (w.OpenBlock(UpdatesInBackward(model)
            ? "private void Backward(global::System.ReadOnlySpan<float> inputs, int rows, bool applyGradients)"
            : "private void Backward(global::System.ReadOnlySpan<float> inputs, int rows)"))
        {
            for (int index = model.Layers.Count - 1; index >= 0; index--)
            {
                LayerSpec layer = model.Layers[index];
                int i = layer.Index;
                string gradient = $"_layer{i}OutputGradient";
                w.Line($"// Layer {i}: {Describe.Layer(layer)}.");
                if (layer.HasDropout)
                {
                    w.Line("// The gradient arrived for the dropped outputs: dropped units pass none, kept ones pass it scaled.");
                    w.Line($"{Kernels}.DropoutKernels.Backward(_layer{i}DropoutMask, {Rows(gradient, i)});");
                }

                switch (layer.Activation)
                {
                    case ActivationKind.Identity:
                        break;
                    case ActivationKind.ReLU:
                        w.Line($"{Kernels}.ActivationKernels.ReLUBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)});");
                        break;
                    case ActivationKind.LeakyReLU:
                        w.Line($"{Kernels}.ActivationKernels.LeakyReLUBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)}, Layer{i}NegativeSlope);");
                        break;
                    case ActivationKind.Sigmoid:
                        w.Line($"{Kernels}.ActivationKernels.SigmoidBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)});");
                        break;
                    case ActivationKind.Tanh:
                        w.Line($"{Kernels}.ActivationKernels.TanhBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)});");
                        break;
                    case ActivationKind.GELU:
                        w.Line($"{Kernels}.ActivationKernels.GeluBackward({Rows($"_layer{i}PreActivation", i)}, {Rows(gradient, i)});");
                        break;
                }

                string input = InputOf(model, i, training: true);
                string weightGradient = $"{Kernels}.DenseKernels.WeightGradient({input}, {gradient}, {WeightsOf("_gradients", i)}, rows, Layer{i}Inputs, Layer{i}Units);";
                if (layer.BatchNorm is not null)
                {
                    w.Line("// Through the batch normalization (in place), with the gradients of its scale and shift.");
                    w.Line($"{Kernels}.BatchNormKernels.Backward({gradient}, _layer{i}Normalized, {ScalesOf("_parameters", i)}, _layer{i}InverseStd, {ScalesOf("_gradients", i)}, {ShiftsOf("_gradients", i)}, rows, Layer{i}Units);");
                }

                string biasGradient = $"{Kernels}.DenseKernels.BiasGradient({gradient}, {BiasesOf("_gradients", i)}, rows, Layer{i}Units);";
                if (i == 0)
                {
                    EmitFirstLayerWeightGradient(
                        w, UpdatesInBackward(model), layer.BatchNorm is null ? [weightGradient, biasGradient] : [weightGradient],
                        gradient, WeightsOf("_gradients", i), layer.BatchNorm is null ? BiasesOf("_gradients", i) : "global::System.Span<float>.Empty");
                    w.Line();
                }
                else
                {
                    w.Line(weightGradient);
                    if (layer.BatchNorm is null)
                    {
                        w.Line(biasGradient);
                    }
                }

                if (i > 0)
                {
                    w.Line($"{Kernels}.DenseKernels.InputGradient({gradient}, {WeightsOf("_parameters", i)}, _transposedWeights, _layer{i - 1}OutputGradient, rows, Layer{i}Inputs, Layer{i}Units);");
                    w.Line();
                }
                else
                {
                    w.Line("// The gradient with respect to the model's inputs is not needed, so it is not computed.");
                }
            }
        }

        w.Line();
    }

    private static void EmitRegularization(CodeWriter w, ModelSpec model)
    {
        RegularizationSpec regularization = model.Regularization;
        if (regularization.L2 > 0f)
        {
            w.Line();
            w.Line("// L2 penalty (λ/2)·Σw² on every weight, not the biases: its gradient λ·w joins the weights' gradients.");
            foreach (LayerSpec layer in model.Layers)
            {
                w.Line($"loss += {Kernels}.RegularizationKernels.L2({WeightsOf("_parameters", layer.Index)}, {WeightsOf("_gradients", layer.Index)}, L2Lambda);");
            }
        }

        if (regularization.L1 > 0f)
        {
            w.Line();
            w.Line("// L1 penalty λ·Σ|w| on every weight, not the biases: its gradient λ·sign(w) joins the weights' gradients.");
            foreach (LayerSpec layer in model.Layers)
            {
                w.Line($"loss += {Kernels}.RegularizationKernels.L1({WeightsOf("_parameters", layer.Index)}, {WeightsOf("_gradients", layer.Index)}, L1Lambda);");
            }
        }
    }
}
