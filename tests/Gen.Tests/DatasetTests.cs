using System;
using System.IO;
using System.IO.Compression;
using Xunit;

namespace Gen.Tests;

public sealed class DatasetTests
{
    [Fact]
    public void LoadIdx_reads_the_real_mnist_files()
    {
        Dataset train = Dataset.LoadIdx(TestData.DataFile("train-images-idx3-ubyte.gz"), TestData.DataFile("train-labels-idx1-ubyte.gz"));
        Assert.Equal(7996, train.Count);
        Assert.Equal(784, train.FeatureCount);
        Assert.True(train.HasLabels);
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in train.Features)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        Assert.All(train.Labels.ToArray(), label => Assert.InRange(label, 0, 9));
    }

    [Fact]
    public void LoadIdx_reads_raw_files_too()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", Idx(0x803, new[] { 2, 2, 2 }, new byte[] { 0, 255, 51, 102, 1, 2, 3, 4 }));
        string labels = dir.Write("labels", Idx(0x801, new[] { 2 }, new byte[] { 7, 3 }));
        Dataset data = Dataset.LoadIdx(images, labels);
        Assert.Equal(2, data.Count);
        Assert.Equal(4, data.FeatureCount);
        Assert.Equal(new[] { 0f, 1f, 0.2f, 0.4f }, data.GetFeatures(0).ToArray());
        Assert.Equal(3, data.GetLabel(1));
    }

    [Fact]
    public void LoadIdx_rejects_a_wrong_magic_number()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", Idx(0x801, new[] { 2 }, new byte[] { 1, 2 }));
        string labels = dir.Write("labels", Idx(0x801, new[] { 2 }, new byte[] { 1, 2 }));
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadIdx(images, labels));
        Assert.Contains("magic number 0x00000801; expected 0x00000803", error.Message);
    }

    [Fact]
    public void LoadIdx_rejects_a_file_shorter_than_its_header_says()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", Idx(0x803, new[] { 3, 2, 2 }, new byte[8]));
        string labels = dir.Write("labels", Idx(0x801, new[] { 3 }, new byte[3]));
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadIdx(images, labels));
        Assert.Contains("declares 3 items", error.Message);
    }

    [Fact]
    public void LoadIdx_rejects_image_and_label_counts_that_differ()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", Gzip(Idx(0x803, new[] { 2, 1, 1 }, new byte[2])));
        string labels = dir.Write("labels", Gzip(Idx(0x801, new[] { 3 }, new byte[3])));
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadIdx(images, labels));
        Assert.Contains("2 images but", error.Message);
        Assert.Contains("3 labels", error.Message);
    }

    [Fact]
    public void Split_partitions_every_sample_once_and_is_seeded()
    {
        float[] features = new float[100];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++)
        {
            features[i] = i;
            labels[i] = i % 10;
        }

        Dataset data = Dataset.FromArrays(features, 1, labels);
        (Dataset a, Dataset b) = data.Split(0.9, seed: 1);
        Assert.Equal(90, a.Count);
        Assert.Equal(10, b.Count);
        var seen = new System.Collections.Generic.HashSet<float>(a.Features.ToArray());
        seen.UnionWith(b.Features.ToArray());
        Assert.Equal(100, seen.Count);
        Assert.Equal(a.Features.ToArray(), data.Split(0.9, seed: 1).First.Features.ToArray());
        Assert.NotEqual(a.Features.ToArray(), data.Split(0.9, seed: 2).First.Features.ToArray());
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal((int)a.GetFeatures(i)[0] % 10, a.GetLabel(i)); // labels travel with their features
        }
    }

    [Fact]
    public void FromArrays_names_what_does_not_fit()
    {
        Assert.Contains("do not divide into samples of 3", Assert.Throws<ArgumentException>(() => Dataset.FromArrays(new float[7], 3, new int[2])).Message);
        Assert.Contains("but 3 labels", Assert.Throws<ArgumentException>(() => Dataset.FromArrays(new float[6], 3, new int[3])).Message);
        Assert.Contains("Label 1 is -1", Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromArrays(new float[6], 3, new[] { 0, -1 })).Message);
        Assert.Contains("expected 2 × 2 = 4", Assert.Throws<ArgumentException>(() => Dataset.FromArrays(new float[6], 3, new float[3], 2)).Message);
    }

    private static byte[] Idx(int magic, int[] dimensions, byte[] data)
    {
        var stream = new MemoryStream();
        var writer = new BinaryWriter(stream);
        void BigEndian(int value) => writer.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value));
        BigEndian(magic);
        foreach (int d in dimensions)
        {
            BigEndian(d);
        }

        writer.Write(data);
        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gen-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, byte[] content)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
