using System;
using System.IO;
using System.Linq;
using Gen.Onnx.Proto;
using Gen.Tests.Models;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// ExportOnnx: the exported file, run in ONNX Runtime, gives what Predict gives for every
/// activation, every output head and batch normalization with trained running statistics.
/// </summary>
public sealed class OnnxExportTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Every_activation_with_a_softmax_head_matches_Predict_in_OnnxRuntime()
    {
        var harness = new ModelHarness<OnnxActivationsNet>(rows: 8, seed: 31);
        harness.TrainStep();
        AssertOnnxRuntimeMatchesPredict(harness.Model, seed: 41);
    }

    [Fact]
    public void A_sigmoid_head_with_dropout_matches_Predict_in_OnnxRuntime()
    {
        var harness = new ModelHarness<OnnxSigmoidNet>(rows: 6, seed: 32);
        harness.TrainStep();
        AssertOnnxRuntimeMatchesPredict(harness.Model, seed: 42);
    }

    [Fact]
    public void Raw_regression_outputs_match_Predict_in_OnnxRuntime()
    {
        var harness = new ModelHarness<OnnxRegressionNet>(rows: 5, seed: 33);
        harness.TrainStep();
        AssertOnnxRuntimeMatchesPredict(harness.Model, seed: 43);
    }

    [Fact]
    public void Batch_normalization_with_trained_running_statistics_matches_Predict_in_OnnxRuntime()
    {
        var harness = new ModelHarness<OnnxBatchNormNet>(rows: 16, seed: 34);
        for (int step = 0; step < 5; step++)
        {
            harness.TrainStep();
        }

        // The running statistics have left their initial values (means 0, variances 1), and the
        // scales and shifts theirs, so a wrong ε, a swapped mean/variance or a missing γ/β shows.
        ReadOnlySpan<float> statistics = harness.Model.Statistics;
        Assert.Contains(statistics.ToArray(), s => Math.Abs(s) > 0.05f && Math.Abs(s - 1f) > 0.05f);
        AssertOnnxRuntimeMatchesPredict(harness.Model, seed: 44);
    }

    [Fact]
    public void The_graph_has_one_node_per_layer_step_the_declared_constants_and_no_dropout()
    {
        ModelProto activations = OnnxExport.Build(new OnnxActivationsNet());
        Assert.Equal(
            ["Gemm", "Relu", "Gemm", "LeakyRelu", "Gemm", "Sigmoid", "Gemm", "Tanh", "Gemm", "Gelu", "Gemm", "Softmax"],
            activations.Graph.Node.Select(n => n.OpType));
        Assert.Equal(0.2f, activations.Graph.Node.Single(n => n.OpType == "LeakyRelu").Attribute.Single(a => a.Name == "alpha").F);
        Assert.Equal("tanh", activations.Graph.Node.Single(n => n.OpType == "Gelu").Attribute.Single(a => a.Name == "approximate").S.ToStringUtf8());
        Assert.Equal(-1L, activations.Graph.Node.Single(n => n.OpType == "Softmax").Attribute.Single(a => a.Name == "axis").I);
        Assert.All(activations.Graph.Node.Where(n => n.OpType == "Gemm"), n => Assert.Equal(1L, n.Attribute.Single(a => a.Name == "transB").I));
        // Gelu arrived in operator set 20 (IR version 9).
        Assert.Equal(20L, activations.OpsetImport.Single(o => o.Domain.Length == 0).Version);
        Assert.Equal(9L, activations.IrVersion);

        ModelProto sigmoid = OnnxExport.Build(new OnnxSigmoidNet());
        Assert.Equal(["Gemm", "Tanh", "Gemm", "Sigmoid"], sigmoid.Graph.Node.Select(n => n.OpType));
        Assert.Equal(13L, sigmoid.OpsetImport.Single(o => o.Domain.Length == 0).Version);
        Assert.Equal(7L, sigmoid.IrVersion);

        ModelProto regression = OnnxExport.Build(new OnnxRegressionNet());
        Assert.Equal(["Gemm", "LeakyRelu", "Gemm"], regression.Graph.Node.Select(n => n.OpType));
        Assert.Equal(0.01f, regression.Graph.Node.Single(n => n.OpType == "LeakyRelu").Attribute.Single(a => a.Name == "alpha").F);
        Assert.Equal("output", regression.Graph.Node.Last().Output.Single());

        ModelProto normalized = OnnxExport.Build(new OnnxBatchNormNet());
        Assert.Equal(
            ["Gemm", "BatchNormalization", "Relu", "Gemm", "BatchNormalization", "Gelu", "Gemm", "Softmax"],
            normalized.Graph.Node.Select(n => n.OpType));
        float[] epsilons = normalized.Graph.Node.Where(n => n.OpType == "BatchNormalization")
            .Select(n => n.Attribute.Single(a => a.Name == "epsilon").F).ToArray();
        Assert.Equal([1e-3f, 1e-5f], epsilons);
        // Batch normalization replaces the bias: the Gemm before it has no C input.
        Assert.Equal(2, normalized.Graph.Node[0].Input.Count);
        Assert.Equal(3, normalized.Graph.Node[6].Input.Count);

        // The initializers carry ModelFile's (PyTorch's) names and shapes.
        Assert.Equal(
            ["layers.0.weight", "layers.0.norm.weight", "layers.0.norm.bias", "layers.0.norm.running_mean", "layers.0.norm.running_var",
             "layers.1.weight", "layers.1.norm.weight", "layers.1.norm.bias", "layers.1.norm.running_mean", "layers.1.norm.running_var",
             "layers.2.weight", "layers.2.bias"],
            normalized.Graph.Initializer.Select(t => t.Name));
        Assert.Equal([13L, 7L], normalized.Graph.Initializer[0].Dims);
        Assert.Equal("7-13:ReLU:BatchNorm-10:GELU:BatchNorm-3:Identity", normalized.MetadataProps.Single(p => p.Key == "gen.architecture").Value);
    }

    [Fact]
    public void The_layer_shapes_carry_the_declared_epsilon_and_negative_slope()
    {
        ReadOnlySpan<LayerShape> normalized = Layers<OnnxBatchNormNet>();
        Assert.Equal(1e-3f, normalized[0].NormEpsilon);
        Assert.Equal(1e-5f, normalized[1].NormEpsilon);
        Assert.Equal(0.2f, Layers<OnnxActivationsNet>()[1].NegativeSlope);
        Assert.Equal(0.01f, Layers<OnnxRegressionNet>()[0].NegativeSlope);
    }

    [Fact]
    public void The_input_and_output_have_a_dynamic_batch_and_the_declared_widths()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.onnx");
        new OnnxActivationsNet().ExportOnnx(path);
        using var session = Session(path);
        NodeMetadata input = session.InputMetadata["input"];
        NodeMetadata output = session.OutputMetadata["output"];
        Assert.Single(session.InputMetadata);
        Assert.Single(session.OutputMetadata);
        Assert.Equal(typeof(float), input.ElementType);
        Assert.Equal([-1, OnnxActivationsNet.InputCount], input.Dimensions);
        Assert.Equal(["N", string.Empty], input.SymbolicDimensions);
        Assert.Equal([-1, OnnxActivationsNet.OutputCount], output.Dimensions);
        Assert.Equal("OnnxActivationsNet", session.ModelMetadata.CustomMetadataMap["gen.model"]);
        Assert.Equal("Gen", session.ModelMetadata.ProducerName);
    }

    [Fact]
    public void An_export_that_fails_halfway_leaves_the_previous_file_intact()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.onnx");
        new OnnxBatchNormNet().ExportOnnx(path);
        byte[] before = File.ReadAllBytes(path);

        var changed = new ModelHarness<OnnxBatchNormNet>(rows: 16, seed: 35);
        changed.TrainStep();
        Assert.Throws<IOException>(() => OnnxExport.Save(changed.Model, path, wrap: stream => new FailingStream(stream, failAfter: 200)));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path)); // the temporary file is gone

        // And a successful export replaces it.
        changed.Model.ExportOnnx(path);
        Assert.NotEqual(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var model = new OnnxRegressionNet();
        Assert.Throws<ArgumentNullException>("model", () => OnnxExport.Save<OnnxRegressionNet>(null!, "model.onnx"));
        Assert.Throws<ArgumentNullException>("path", () => model.ExportOnnx(null!));
        Assert.Throws<ArgumentException>("path", () => model.ExportOnnx(string.Empty));
        Assert.Throws<DirectoryNotFoundException>(() => model.ExportOnnx(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model.onnx")));
    }

    /// <summary>
    /// Exports <paramref name="model"/>, runs the file in ONNX Runtime on one sample and on a batch
    /// of several times the model's batch size (Predict takes it in chunks), and compares with Predict.
    /// </summary>
    private static void AssertOnnxRuntimeMatchesPredict<TModel>(TModel model, int seed)
        where TModel : class, ITrainableModel<TModel>, new()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, $"{typeof(TModel).Name}.onnx");
        OnnxExport.Save(model, path);
        using InferenceSession session = Session(path);
        foreach (int rows in new[] { 1, (3 * TModel.BatchSize) + 1 })
        {
            // Inputs wider than [-1, 1] drive every activation into its saturated and negative ranges.
            float[] inputs = TestData.Uniform(rows * TModel.InputCount, seed + rows, low: -3f, high: 3f);
            var expected = new float[rows * TModel.OutputCount];
            Predict(model, inputs, expected);

            using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, [rows, TModel.InputCount]);
            using var options = new RunOptions();
            using var results = session.Run(options, ["input"], [input], ["output"]);
            OrtValue output = results[0];
            Assert.Equal([rows, (long)TModel.OutputCount], output.GetTensorTypeAndShape().Shape);
            float[] actual = output.GetTensorDataAsSpan<float>().ToArray();
            for (int i = 0; i < expected.Length; i++)
            {
                float allowed = Tolerance * Math.Max(1f, Math.Abs(expected[i]));
                Assert.True(
                    Math.Abs(actual[i] - expected[i]) <= allowed,
                    $"{typeof(TModel).Name}, {rows} rows: output {i} is {actual[i]:R} in ONNX Runtime, {expected[i]:R} from Predict.");
            }
        }
    }

    /// <summary>Predict through the generated method (it is not on the interface).</summary>
    private static void Predict<TModel>(TModel model, float[] inputs, float[] outputs)
    {
        switch (model)
        {
            case OnnxActivationsNet m: m.Predict(inputs, outputs); break;
            case OnnxSigmoidNet m: m.Predict(inputs, outputs); break;
            case OnnxRegressionNet m: m.Predict(inputs, outputs); break;
            case OnnxBatchNormNet m: m.Predict(inputs, outputs); break;
            default: throw new ArgumentException($"No Predict for {typeof(TModel).Name}.");
        }
    }

    private static ReadOnlySpan<LayerShape> Layers<TModel>()
        where TModel : ITrainableModel<TModel> => TModel.Layers;

    private static InferenceSession Session(string path)
    {
        // One thread: the test machine is small and the models are tiny.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new InferenceSession(path, options);
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_written + count > failAfter)
            {
                inner.Write(buffer, offset, (int)(failAfter - _written));
                throw new IOException("Disk full (simulated).");
            }

            inner.Write(buffer, offset, count);
            _written += count;
        }
    }
}
