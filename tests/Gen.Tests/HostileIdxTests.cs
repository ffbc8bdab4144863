using System;
using System.IO;
using System.IO.Compression;
using Xunit;

namespace Gen.Tests;

/// <summary>Hostile IDX files fail fast, with a clear error, in bounded memory.</summary>
public sealed class HostileIdxTests
{
    private static readonly byte[] Labels = Header(0x801, 2).Concat(new byte[] { 1, 2 });

    [Fact]
    public void A_gzip_bomb_behind_a_small_header_is_refused_without_inflating_it()
    {
        using var dir = new TempDirectory();
        // 2 images of 28×28 declared, followed by 256 MB of zeros that compress to about 250 KB.
        string images = dir.Path + "/bomb.gz";
        using (var gzip = new GZipStream(File.Create(images), CompressionLevel.Optimal))
        {
            gzip.Write(Header(0x803, 2, 28, 28));
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++)
            {
                gzip.Write(zeros);
            }
        }

        string labels = dir.Write("labels", Labels);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadIdx(images, labels));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("holds more data than its header declares", error.Message);
        Assert.True(allocated < 4 << 20, $"Refusing the bomb allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void A_header_declaring_more_than_the_limit_is_refused_before_allocating()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", Header(0x803, int.MaxValue, 28, 28));
        string labels = dir.Write("labels", Labels);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadIdx(images, labels));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("the limit is", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_reported_as_truncated()
    {
        using var dir = new TempDirectory();
        byte[] whole = File.ReadAllBytes(TestData.DataFile("test-images-idx3-ubyte.gz"));
        string images = dir.Write("images.gz", whole.AsSpan(0, whole.Length / 2).ToArray());
        string labels = dir.Write("labels", Labels);
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadIdx(images, labels));
        Assert.Contains("images.gz", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    private static byte[] Header(int magic, params int[] values)
    {
        var header = new byte[4 * (values.Length + 1)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), values[i]);
        }

        return header;
    }
}

internal static class ByteArrayExtensions
{
    public static byte[] Concat(this byte[] first, byte[] second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result, 0);
        second.CopyTo(result, first.Length);
        return result;
    }
}
