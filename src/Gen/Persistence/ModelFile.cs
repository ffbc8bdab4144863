using System;
using System.Collections.Generic;
using System.IO;
using Gen.Persistence;

namespace Gen;

/// <summary>
/// Saves and loads a model's weights as safetensors, with the tensor names and shapes a PyTorch
/// user expects of an <c>nn.Sequential</c> of <c>nn.Linear</c>: <c>layers.{i}.weight</c> as
/// [units, inputs] and <c>layers.{i}.bias</c> as [units]; a batch normalization after dense layer
/// i is <c>layers.{i}.norm.weight</c>, <c>.norm.bias</c>, <c>.norm.running_mean</c> and
/// <c>.norm.running_var</c>, as <c>BatchNorm1d</c>. The architecture is in the header's metadata,
/// and a file whose architecture or tensors do not match the class is refused.
/// </summary>
public static class ModelFile
{
    /// <summary>Writes the model's weights to <paramref name="path"/>; the previous file survives a failed save.</summary>
    public static void Save<TModel>(TModel model, string path)
        where TModel : ITrainableModel<TModel> => Save(model, path, wrap: null);

    internal static void Save<TModel>(TModel model, string path, Func<Stream, Stream>? wrap)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsFile.Write(path, Tensors(model), Metadata<TModel>(), wrap);
    }

    /// <summary>The header metadata of a model file: the format, the class and its architecture.</summary>
    internal static Dictionary<string, string> Metadata<TModel>()
        where TModel : ITrainableModel<TModel> => new()
        {
            ["format"] = "pt",
            ["gen.model"] = typeof(TModel).Name,
            ["gen.architecture"] = Architecture<TModel>(),
        };

    /// <summary>The model's weights and statistics as the tensors of a model file.</summary>
    internal static List<SafeTensorsFile.Tensor> Tensors<TModel>(TModel model)
        where TModel : ITrainableModel<TModel>
    {
        ReadOnlySpan<float> parameters = model.Parameters;
        ReadOnlySpan<float> statistics = model.Statistics;
        var tensors = new List<SafeTensorsFile.Tensor>();
        ReadOnlySpan<LayerShape> layers = TModel.Layers;
        for (int i = 0; i < layers.Length; i++)
        {
            LayerShape layer = layers[i];
            // Stored [inputs × units] for the kernels; PyTorch's nn.Linear keeps [units × inputs].
            var weight = new float[layer.Inputs * layer.Units];
            ReadOnlySpan<float> source = parameters.Slice(layer.WeightOffset, weight.Length);
            Kernels.DenseKernels.Transpose(source, weight, layer.Inputs, layer.Units);

            tensors.Add(new($"layers.{i}.weight", [layer.Units, layer.Inputs], weight));
            if (layer.BiasOffset >= 0)
            {
                tensors.Add(new($"layers.{i}.bias", [layer.Units], parameters.Slice(layer.BiasOffset, layer.Units).ToArray()));
            }

            if (layer.HasBatchNorm)
            {
                tensors.Add(new($"layers.{i}.norm.weight", [layer.Units], parameters.Slice(layer.NormScaleOffset, layer.Units).ToArray()));
                tensors.Add(new($"layers.{i}.norm.bias", [layer.Units], parameters.Slice(layer.NormScaleOffset + layer.Units, layer.Units).ToArray()));
                tensors.Add(new($"layers.{i}.norm.running_mean", [layer.Units], statistics.Slice(layer.RunningStatisticsOffset, layer.Units).ToArray()));
                tensors.Add(new($"layers.{i}.norm.running_var", [layer.Units], statistics.Slice(layer.RunningStatisticsOffset + layer.Units, layer.Units).ToArray()));
            }
        }

        return tensors;
    }

    /// <summary>
    /// Reads weights saved for this architecture into the model. Everything is checked before the
    /// model is touched: on any error the model keeps its weights and an
    /// <see cref="InvalidDataException"/> says what and where. The optimizer state is not in the file.
    /// </summary>
    public static void Load<TModel>(TModel model, string path)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        (Dictionary<string, float[]> tensors, Dictionary<string, string> metadata) = SafeTensorsFile.Read(path, Expected<TModel>());
        string architecture = Architecture<TModel>();
        if (metadata.TryGetValue("gen.architecture", out string? saved) && saved != architecture)
        {
            throw new InvalidDataException($"'{path}' holds a model of architecture '{saved}', but {typeof(TModel).Name} is '{architecture}'.");
        }

        Apply(model, tensors);
    }

    /// <summary>The tensors of a model file for <typeparamref name="TModel"/>: name → shape.</summary>
    internal static Dictionary<string, int[]> Expected<TModel>()
        where TModel : ITrainableModel<TModel>
    {
        ReadOnlySpan<LayerShape> layers = TModel.Layers;
        var expected = new Dictionary<string, int[]>();
        for (int i = 0; i < layers.Length; i++)
        {
            expected[$"layers.{i}.weight"] = [layers[i].Units, layers[i].Inputs];
            foreach (string name in TensorsAfterWeight(layers[i]))
            {
                expected[$"layers.{i}.{name}"] = [layers[i].Units];
            }
        }

        return expected;
    }

    /// <summary>Copies validated tensors (every name of <see cref="Expected{TModel}"/>, with its shape) into the model.</summary>
    internal static void Apply<TModel>(TModel model, Dictionary<string, float[]> tensors)
        where TModel : ITrainableModel<TModel>
    {
        ReadOnlySpan<LayerShape> layers = TModel.Layers;
        Span<float> parameters = model.Parameters;
        for (int i = 0; i < layers.Length; i++)
        {
            LayerShape layer = layers[i];
            float[] weight = tensors[$"layers.{i}.weight"];
            Span<float> destination = parameters.Slice(layer.WeightOffset, layer.Inputs * layer.Units);
            Kernels.DenseKernels.Transpose(weight, destination, layer.Units, layer.Inputs);

            if (layer.BiasOffset >= 0)
            {
                tensors[$"layers.{i}.bias"].CopyTo(parameters.Slice(layer.BiasOffset, layer.Units));
            }

            if (layer.HasBatchNorm)
            {
                Span<float> statistics = model.Statistics;
                tensors[$"layers.{i}.norm.weight"].CopyTo(parameters.Slice(layer.NormScaleOffset, layer.Units));
                tensors[$"layers.{i}.norm.bias"].CopyTo(parameters.Slice(layer.NormScaleOffset + layer.Units, layer.Units));
                tensors[$"layers.{i}.norm.running_mean"].CopyTo(statistics.Slice(layer.RunningStatisticsOffset, layer.Units));
                tensors[$"layers.{i}.norm.running_var"].CopyTo(statistics.Slice(layer.RunningStatisticsOffset + layer.Units, layer.Units));
            }
        }
    }

    /// <summary>The [units]-shaped tensors of a layer besides its weight.</summary>
    private static string[] TensorsAfterWeight(LayerShape layer) => layer.HasBatchNorm
        ? ["norm.weight", "norm.bias", "norm.running_mean", "norm.running_var"]
        : ["bias"];

    /// <summary>"784-128:ReLU-10:Identity", with ":BatchNorm" after a normalized layer.</summary>
    internal static string Architecture<TModel>()
        where TModel : ITrainableModel<TModel>
    {
        string text = TModel.InputCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (LayerShape layer in TModel.Layers)
        {
            text += $"-{layer.Units}:{layer.Activation}" + (layer.HasBatchNorm ? ":BatchNorm" : string.Empty);
        }

        return text;
    }
}
