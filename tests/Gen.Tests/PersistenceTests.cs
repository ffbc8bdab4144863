using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

public sealed class PersistenceTests
{
    private static MnistNet Trained()
    {
        var harness = new ModelHarness<MnistNet>(rows: 64, seed: 12);
        harness.TrainStep();
        harness.TrainStep();
        return harness.Model;
    }

    [Fact]
    public void Save_then_Load_restores_every_weight_and_the_predictions()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "mnist.safetensors");
        MnistNet trained = Trained();
        trained.Save(path);

        var loaded = new MnistNet();
        loaded.Load(path);
        Assert.True(loaded.Parameters.SequenceEqual(trained.Parameters));
        Assert.Single(Directory.GetFiles(dir.Path)); // no temporary file left behind
    }

    [Fact]
    public void Batch_normalization_scales_shifts_and_running_statistics_survive_a_round_trip()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "normalized.safetensors");
        var harness = new ModelHarness<NormalizedDropoutNet>(rows: 7, seed: 3);
        harness.TrainStep();
        harness.TrainStep();
        harness.Model.Save(path);

        var loaded = new NormalizedDropoutNet();
        loaded.Load(path);
        Assert.True(loaded.Parameters.SequenceEqual(harness.Model.Parameters));
        Assert.True(loaded.Statistics.SequenceEqual(harness.Model.Statistics));
        Assert.False(loaded.Statistics.SequenceEqual(new NormalizedDropoutNet().Statistics));
        byte[] file = File.ReadAllBytes(path);
        string header = Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        Assert.Contains("\"layers.0.norm.running_var\"", header);
        Assert.DoesNotContain("\"layers.0.bias\"", header); // batch normalization replaces the bias
        Assert.Contains("\"layers.2.bias\"", header);
    }

    [Fact]
    public void A_file_written_outside_dotnet_by_pytorch_loads_and_predicts_as_pytorch_does()
    {
        // Interop/make_torch_safetensors.py wrote both files; see its header for the command.
        string directory = Path.Combine(AppContext.BaseDirectory, "Interop");
        var model = new TorchMlp();
        model.Load(Path.Combine(directory, "torch_mlp.safetensors"));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "torch_mlp.expected.json")));
        float[] inputs = expected.RootElement.GetProperty("inputs").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        float[] outputs = expected.RootElement.GetProperty("outputs").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var predicted = new float[outputs.Length];
        model.Predict(inputs, predicted);
        for (int i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(outputs[i], predicted[i], tolerance: 1e-6);
        }
    }

    [Fact]
    public void Duplicate_tensor_names_and_deeply_nested_json_are_refused()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        new TorchMlp().Save(path);
        byte[] file = File.ReadAllBytes(path);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, headerLength);

        string duplicated = header.Replace("\"layers.0.bias\"", "\"layers.0.weight\"");
        byte[] duplicatedHeader = Encoding.UTF8.GetBytes(duplicated);
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)duplicatedHeader.Length);
        File.WriteAllBytes(path, prefix.Concat(duplicatedHeader).Concat(file.Skip(8 + headerLength)).ToArray());
        string duplicateError = Assert.Throws<InvalidDataException>(() => new TorchMlp().Load(path)).Message;
        Assert.True(duplicateError.Contains("'layers.0.weight' twice", StringComparison.Ordinal), duplicateError);

        string nested = "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}";
        byte[] nestedHeader = Encoding.UTF8.GetBytes(nested);
        var hostile = new byte[8 + nestedHeader.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(hostile, (ulong)nestedHeader.Length);
        nestedHeader.CopyTo(hostile, 8);
        File.WriteAllBytes(path, hostile);
        Assert.Contains("malformed JSON header", Assert.Throws<InvalidDataException>(() => new TorchMlp().Load(path)).Message);
    }

    [Fact]
    public void The_file_follows_the_safetensors_rules_with_pytorch_names_and_shapes()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "mnist.safetensors");
        MnistNet model = Trained();
        model.Save(path);
        byte[] file = File.ReadAllBytes(path);

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, (8 + headerLength) % 8); // data 8-byte aligned
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerLength).TrimEnd(' '));
        long dataLength = file.Length - 8 - (long)headerLength;
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").ToArray();
        Assert.Equal(new[] { "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias" }, names);
        Assert.Equal("784-128:ReLU-10:Identity", header.RootElement.GetProperty("__metadata__").GetProperty("gen.architecture").GetString());

        JsonElement weight = header.RootElement.GetProperty("layers.0.weight");
        Assert.Equal("F32", weight.GetProperty("dtype").GetString());
        Assert.Equal(new[] { 128, 784 }, weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));

        long cursor = 0;
        foreach (string name in names)
        {
            JsonElement offsets = header.RootElement.GetProperty(name).GetProperty("data_offsets");
            Assert.Equal(cursor, offsets[0].GetInt64());
            cursor = offsets[1].GetInt64();
        }

        Assert.Equal(dataLength, cursor);

        // PyTorch's layout: weight[unit, input]. Ours is [input, unit]; check one element moved right.
        int dataStart = 8 + (int)headerLength;
        float stored = BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(dataStart + (((5 * 784) + 3) * 4)));
        Assert.Equal(model.Parameters[(3 * 128) + 5], stored);
    }

    [Fact]
    public void A_save_that_fails_halfway_leaves_the_previous_file_intact()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        var original = new MnistNet();
        original.Save(path);
        byte[] before = File.ReadAllBytes(path);

        MnistNet changed = Trained();
        Assert.Throws<IOException>(() => ModelFile.Save(changed, path, wrap: stream => new FailingStream(stream, failAfter: 100_000)));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Loading_a_file_for_another_architecture_fails_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "tiny.safetensors");
        new TinyRegressor().Save(path);
        var model = new MnistNet();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => model.Load(path));
        Assert.Contains("layers.0.weight", error.Message);
        Assert.True(model.Parameters.SequenceEqual(before));
    }

    [Theory]
    [InlineData("huge header")]
    [InlineData("truncated data")]
    [InlineData("wrong dtype")]
    [InlineData("not json")]
    public void Hostile_files_fail_fast_with_a_clear_error(string damage)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        new MnistNet().Save(path);
        byte[] file = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        switch (damage)
        {
            case "huge header":
                BinaryPrimitives.WriteUInt64LittleEndian(file, 1UL << 62);
                break;
            case "truncated data":
                file = file.AsSpan(0, file.Length - 400).ToArray();
                break;
            case "wrong dtype":
                Encoding.UTF8.GetBytes(header.Replace("\"F32\"", "\"F16\"")).CopyTo(file, 8);
                break;
            case "not json":
                file[8] = (byte)'[';
                file[9] = (byte)'[';
                break;
        }

        File.WriteAllBytes(path, file);
        var model = new MnistNet();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => model.Load(path));
        Assert.Contains("not a valid safetensors file", error.Message);
        Assert.True(model.Parameters.SequenceEqual(before));
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > failAfter)
            {
                throw new IOException("Simulated failure: the disk is full.");
            }

            _written += buffer.Length;
            inner.Write(buffer);
        }
    }
}
