using Gen.Generators.Model;

namespace Gen.Generators.Emit;

internal static partial class ModelEmitter
{
    private static string WeightsOf(string buffer, int i) => $"{buffer}.AsSpan(Layer{i}Weights, Layer{i}Inputs * Layer{i}Units)";

    private static string BiasesOf(string buffer, int i) => $"{buffer}.AsSpan(Layer{i}Biases, Layer{i}Units)";

    private static string Rows(string buffer, int i) => $"{buffer}.AsSpan(0, rows * Layer{i}Units)";

    private static string InputOf(int i) => i == 0 ? "inputs" : $"_layer{i - 1}Output";

    private static void EmitForward(CodeWriter w, ModelSpec model)
    {
        w.Line("/// <summary>The forward pass of <paramref name=\"rows\"/> samples, layer by layer, into the layers' output buffers.</summary>");
        using (w.OpenBlock("private void Forward(global::System.ReadOnlySpan<float> inputs, int rows)"))
        {
            foreach (LayerSpec layer in model.Layers)
            {
                int i = layer.Index;
                if (i > 0)
                {
                    w.Line();
                }

                w.Line($"// Layer {i}: {Describe.Layer(layer)}.");
                string target = layer.Activation == ActivationKind.GELU ? $"_layer{i}PreActivation" : $"_layer{i}Output";
                w.Line($"global::Gen.Kernels.DenseKernels.Forward({InputOf(i)}, {WeightsOf("_parameters", i)}, {BiasesOf("_parameters", i)}, {target}, rows, Layer{i}Inputs, Layer{i}Units);");
                switch (layer.Activation)
                {
                    case ActivationKind.ReLU:
                        w.Line($"global::Gen.Kernels.ActivationKernels.ReLU({Rows($"_layer{i}Output", i)});");
                        break;
                    case ActivationKind.LeakyReLU:
                        w.Line($"global::Gen.Kernels.ActivationKernels.LeakyReLU({Rows($"_layer{i}Output", i)}, Layer{i}NegativeSlope);");
                        break;
                    case ActivationKind.Sigmoid:
                        w.Line($"global::Gen.Kernels.ActivationKernels.Sigmoid({Rows($"_layer{i}Output", i)});");
                        break;
                    case ActivationKind.Tanh:
                        w.Line($"global::Gen.Kernels.ActivationKernels.Tanh({Rows($"_layer{i}Output", i)});");
                        break;
                    case ActivationKind.GELU:
                        w.Line($"global::Gen.Kernels.ActivationKernels.Gelu({Rows($"_layer{i}PreActivation", i)}, {Rows($"_layer{i}Output", i)});");
                        break;
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
        using (w.OpenBlock("private void Backward(global::System.ReadOnlySpan<float> inputs, int rows)"))
        {
            for (int index = model.Layers.Count - 1; index >= 0; index--)
            {
                LayerSpec layer = model.Layers[index];
                int i = layer.Index;
                string gradient = $"_layer{i}OutputGradient";
                w.Line($"// Layer {i}: {Describe.Layer(layer)}.");
                switch (layer.Activation)
                {
                    case ActivationKind.Identity:
                        break;
                    case ActivationKind.ReLU:
                        w.Line($"global::Gen.Kernels.ActivationKernels.ReLUBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)});");
                        break;
                    case ActivationKind.LeakyReLU:
                        w.Line($"global::Gen.Kernels.ActivationKernels.LeakyReLUBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)}, Layer{i}NegativeSlope);");
                        break;
                    case ActivationKind.Sigmoid:
                        w.Line($"global::Gen.Kernels.ActivationKernels.SigmoidBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)});");
                        break;
                    case ActivationKind.Tanh:
                        w.Line($"global::Gen.Kernels.ActivationKernels.TanhBackward({Rows($"_layer{i}Output", i)}, {Rows(gradient, i)});");
                        break;
                    case ActivationKind.GELU:
                        w.Line($"global::Gen.Kernels.ActivationKernels.GeluBackward({Rows($"_layer{i}PreActivation", i)}, {Rows(gradient, i)});");
                        break;
                }

                w.Line($"global::Gen.Kernels.DenseKernels.WeightGradient({InputOf(i)}, {gradient}, {WeightsOf("_gradients", i)}, rows, Layer{i}Inputs, Layer{i}Units);");
                w.Line($"global::Gen.Kernels.DenseKernels.BiasGradient({gradient}, {BiasesOf("_gradients", i)}, rows, Layer{i}Units);");
                if (i > 0)
                {
                    w.Line($"global::Gen.Kernels.DenseKernels.InputGradient({gradient}, {WeightsOf("_parameters", i)}, _transposedWeights, _layer{i - 1}OutputGradient, rows, Layer{i}Inputs, Layer{i}Units);");
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
}
