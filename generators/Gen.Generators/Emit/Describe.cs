using Gen.Generators.Model;

namespace Gen.Generators.Emit;

/// <summary>Human words for the parts of a model, used in the comments of the generated code.</summary>
internal static class Describe
{
    public static string Activation(ActivationKind activation) => activation switch
    {
        ActivationKind.Identity => "no activation",
        ActivationKind.ReLU => "ReLU",
        ActivationKind.LeakyReLU => "LeakyReLU",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        ActivationKind.GELU => "GELU",
        _ => activation.ToString(),
    };

    public static string Loss(LossKind loss) => loss switch
    {
        LossKind.MeanSquaredError => "mean squared error",
        LossKind.MeanAbsoluteError => "mean absolute error",
        LossKind.Huber => "Huber loss",
        LossKind.BinaryCrossEntropy => "binary cross-entropy on logits",
        LossKind.SoftmaxCrossEntropy => "softmax cross-entropy on logits",
        _ => loss.ToString(),
    };

    public static string Optimizer(OptimizerKind optimizer) => optimizer switch
    {
        OptimizerKind.Sgd => "SGD",
        OptimizerKind.Adam => "Adam",
        OptimizerKind.AdamW => "AdamW",
        OptimizerKind.RmsProp => "RMSProp",
        OptimizerKind.AdaGrad => "AdaGrad",
        _ => optimizer.ToString(),
    };

    /// <summary>"Dense 784 → 128, ReLU".</summary>
    public static string Layer(LayerSpec layer)
    {
        string text = $"Dense {layer.Inputs} → {layer.Units}";
        if (layer.BatchNorm is not null)
        {
            text += ", batch normalization";
        }

        text += $", {Activation(layer.Activation)}";
        if (layer.HasDropout)
        {
            text += $", dropout {layer.DropoutRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return text;
    }

    /// <summary>"784 → Dense 128 (ReLU) → Dense 10".</summary>
    public static string Architecture(ModelSpec model)
    {
        string text = model.Inputs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (LayerSpec layer in model.Layers)
        {
            text += $" → Dense {layer.Units}";
            if (layer.Activation != ActivationKind.Identity)
            {
                text += $" ({Activation(layer.Activation)})";
            }
        }

        return text;
    }

    /// <summary>True when the layer's activation is in the ReLU family, which He initialization suits.</summary>
    public static bool IsReLUFamily(ActivationKind activation) =>
        activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.GELU;
}
