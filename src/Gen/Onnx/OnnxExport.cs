using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Gen.Onnx.Proto;
using Gen.Persistence;
using Google.Protobuf;

namespace Gen;

/// <summary>
/// Writes a model for inference as an ONNX file that computes what <c>Predict</c> does: graph input
/// <c>input</c> float [N, InputCount] with a dynamic batch N, and graph output <c>output</c> float
/// [N, OutputCount] — softmax probabilities for <see cref="LossKind.SoftmaxCrossEntropy"/>, sigmoid
/// probabilities for <see cref="LossKind.BinaryCrossEntropy"/>, the last layer's outputs otherwise.
/// </summary>
/// <remarks>
/// Each dense layer is a <c>Gemm</c> (weights stored [units, inputs] with <c>transB = 1</c>, as
/// PyTorch exports an <c>nn.Linear</c>, under the tensor names of <see cref="ModelFile"/>),
/// followed by a <c>BatchNormalization</c> in inference mode with the running statistics where the
/// model has one, then the activation (<c>Relu</c>, <c>LeakyRelu</c>, <c>Sigmoid</c>, <c>Tanh</c>,
/// <c>Gelu</c> with <c>approximate = "tanh"</c>; none for identity). Dropout is the identity in
/// inference and is left out. The file imports ONNX operator set 13 (IR version 7), or operator set
/// 20 (IR version 9) when a layer uses GELU, whose operator arrived in that set.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The name of the graph's input: float [N, InputCount].</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output: float [N, OutputCount].</summary>
    public const string OutputName = "output";

    /// <summary>The batch dimension's symbolic name: any number of rows is taken.</summary>
    public const string BatchDimension = "N";

    /// <summary>Protobuf cannot write a message of 2 GiB or more; ONNX keeps larger weights in external files, which this export does not write.</summary>
    private const long MaxBytes = int.MaxValue - (1L << 20);

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> as ONNX, atomically: the file is
    /// written under a temporary name in the same folder, flushed, then renamed over
    /// <paramref name="path"/>, so a failed export leaves any previous file intact.
    /// </summary>
    /// <exception cref="NotSupportedException">The weights would make a file of 2 GiB or more.</exception>
    public static void Save<TModel>(TModel model, string path)
        where TModel : ITrainableModel<TModel> => Save(model, path, wrap: null);

    internal static void Save<TModel>(TModel model, string path, Func<Stream, Stream>? wrap)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelProto onnx = Build(model);
        AtomicFile.Write(path, onnx.WriteTo, wrap);
    }

    /// <summary>The ONNX model of <paramref name="model"/>'s current weights and statistics.</summary>
    internal static ModelProto Build<TModel>(TModel model)
        where TModel : ITrainableModel<TModel>
    {
        long bytes = ((long)model.Parameters.Length + model.Statistics.Length) * sizeof(float);
        if (bytes > MaxBytes)
        {
            throw new NotSupportedException(
                $"{typeof(TModel).Name} has {bytes:N0} bytes of weights; an ONNX file without external data holds less than 2 GiB.");
        }

        ReadOnlySpan<LayerShape> layers = TModel.Layers;
        ReadOnlySpan<float> parameters = model.Parameters;
        ReadOnlySpan<float> statistics = model.Statistics;
        string architecture = ModelFile.Architecture<TModel>();
        var graph = new GraphProto
        {
            Name = typeof(TModel).Name,
            DocString = $"{typeof(TModel).Name} ({architecture}), trained with {TModel.Loss}; output: {Head(TModel.Loss)}.",
        };
        graph.Input.Add(Value(InputName, TModel.InputCount));
        graph.Output.Add(Value(OutputName, TModel.OutputCount));

        bool gelu = false;
        string current = InputName;
        for (int i = 0; i < layers.Length; i++)
        {
            LayerShape layer = layers[i];
            string prefix = $"layers.{i}";

            // Linear: Y = X·Wᵀ (+ b) with W stored [units, inputs], as PyTorch's nn.Linear.
            var weight = new float[layer.Inputs * layer.Units];
            ReadOnlySpan<float> source = parameters.Slice(layer.WeightOffset, weight.Length);
            Kernels.DenseKernels.Transpose(source, weight, layer.Inputs, layer.Units);

            graph.Initializer.Add(Tensor($"{prefix}.weight", weight, layer.Units, layer.Inputs));
            var gemm = Node("Gemm", $"{prefix}.linear", current, $"{prefix}.weight");
            if (layer.BiasOffset >= 0)
            {
                graph.Initializer.Add(Tensor($"{prefix}.bias", parameters.Slice(layer.BiasOffset, layer.Units)));
                gemm.Input.Add($"{prefix}.bias");
            }

            gemm.Attribute.Add(Int("transB", 1));
            graph.Node.Add(gemm);
            current = gemm.Output[0];

            // Batch normalization in inference mode: γ·(x − mean)/√(var + ε) + β with the running statistics.
            if (layer.HasBatchNorm)
            {
                graph.Initializer.Add(Tensor($"{prefix}.norm.weight", parameters.Slice(layer.NormScaleOffset, layer.Units)));
                graph.Initializer.Add(Tensor($"{prefix}.norm.bias", parameters.Slice(layer.NormScaleOffset + layer.Units, layer.Units)));
                graph.Initializer.Add(Tensor($"{prefix}.norm.running_mean", statistics.Slice(layer.RunningStatisticsOffset, layer.Units)));
                graph.Initializer.Add(Tensor($"{prefix}.norm.running_var", statistics.Slice(layer.RunningStatisticsOffset + layer.Units, layer.Units)));
                NodeProto norm = Node(
                    "BatchNormalization", $"{prefix}.norm", current,
                    $"{prefix}.norm.weight", $"{prefix}.norm.bias", $"{prefix}.norm.running_mean", $"{prefix}.norm.running_var");
                norm.Attribute.Add(Float("epsilon", layer.NormEpsilon));
                graph.Node.Add(norm);
                current = norm.Output[0];
            }

            NodeProto? activation = layer.Activation switch
            {
                Activation.Identity => null,
                Activation.ReLU => Node("Relu", $"{prefix}.relu", current),
                Activation.LeakyReLU => Node("LeakyRelu", $"{prefix}.leaky_relu", current),
                Activation.Sigmoid => Node("Sigmoid", $"{prefix}.sigmoid", current),
                Activation.Tanh => Node("Tanh", $"{prefix}.tanh", current),
                Activation.GELU => Node("Gelu", $"{prefix}.gelu", current),
                _ => throw new NotSupportedException($"Layer {i} of {typeof(TModel).Name} has activation {layer.Activation}, which the ONNX export does not know."),
            };
            if (activation is not null)
            {
                if (layer.Activation == Activation.LeakyReLU)
                {
                    activation.Attribute.Add(Float("alpha", layer.NegativeSlope));
                }
                else if (layer.Activation == Activation.GELU)
                {
                    activation.Attribute.Add(Text("approximate", "tanh"));
                    gelu = true;
                }

                graph.Node.Add(activation);
                current = activation.Output[0];
            }

            // Dropout is the identity in inference: nothing to write.
        }

        // The head that Predict applies to the last layer's outputs.
        NodeProto? head = TModel.Loss switch
        {
            LossKind.SoftmaxCrossEntropy => Node("Softmax", "probabilities", current),
            LossKind.BinaryCrossEntropy => Node("Sigmoid", "probabilities", current),
            _ => null,
        };
        if (head is not null)
        {
            if (TModel.Loss == LossKind.SoftmaxCrossEntropy)
            {
                head.Attribute.Add(Int("axis", -1));
            }

            graph.Node.Add(head);
        }

        // The last node writes the graph's output.
        NodeProto last = graph.Node[graph.Node.Count - 1];
        last.Output[0] = OutputName;

        var onnx = new ModelProto
        {
            IrVersion = gelu ? 9 : 7,
            ProducerName = "Gen",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? string.Empty,
            DocString = graph.DocString,
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = gelu ? 20 : 13 });
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = "gen.model", Value = typeof(TModel).Name });
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = "gen.architecture", Value = architecture });
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = "gen.loss", Value = TModel.Loss.ToString() });
        return onnx;
    }

    private static string Head(LossKind loss) => loss switch
    {
        LossKind.SoftmaxCrossEntropy => "softmax probabilities",
        LossKind.BinaryCrossEntropy => "sigmoid probabilities",
        _ => "the last layer's outputs",
    };

    /// <summary>A graph input or output: float [N, <paramref name="features"/>].</summary>
    private static ValueInfoProto Value(string name, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }

    /// <summary>A node whose output is named after the node.</summary>
    private static NodeProto Node(string operation, string name, params ReadOnlySpan<string> inputs)
    {
        var node = new NodeProto { OpType = operation, Name = name };
        foreach (string input in inputs)
        {
            node.Input.Add(input);
        }

        node.Output.Add(name);
        return node;
    }

    /// <summary>A float initializer of shape <paramref name="dims"/> (one dimension of its length when none are given).</summary>
    private static TensorProto Tensor(string name, ReadOnlySpan<float> data, params ReadOnlySpan<long> dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        if (dims.IsEmpty)
        {
            tensor.Dims.Add(data.Length);
        }
        else
        {
            foreach (long dim in dims)
            {
                tensor.Dims.Add(dim);
            }
        }

        // float_data is written packed and little-endian by protobuf on any machine.
        tensor.FloatData.Capacity = data.Length;
        foreach (float value in data)
        {
            tensor.FloatData.Add(value);
        }

        return tensor;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };
}
