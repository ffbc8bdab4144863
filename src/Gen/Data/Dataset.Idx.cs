using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Gen;

public sealed partial class Dataset
{
    private const int ImagesMagic = 0x00000803; // unsigned bytes, 3 dimensions
    private const int LabelsMagic = 0x00000801; // unsigned bytes, 1 dimension

    /// <summary>
    /// Loads images and labels in the IDX format of MNIST, gzip-compressed or raw (told apart by
    /// the gzip magic bytes). Pixels are scaled from 0…255 to [0, 1].
    /// </summary>
    /// <exception cref="InvalidDataException">A file is not IDX, is truncated, or the two files disagree.</exception>
    public static Dataset LoadIdx(string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        byte[] images = ReadMaybeGzip(imagesPath);
        byte[] labels = ReadMaybeGzip(labelsPath);

        int imageCount = ReadHeader(images, imagesPath, ImagesMagic, dimensions: 3, out int headerLength, out int pixelsPerImage);
        int labelCount = ReadHeader(labels, labelsPath, LabelsMagic, dimensions: 1, out int labelHeaderLength, out _);
        if (imageCount != labelCount)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {imageCount} images but '{labelsPath}' holds {labelCount} labels; expected one label per image.");
        }

        var features = new float[(long)imageCount * pixelsPerImage];
        ReadOnlySpan<byte> pixels = images.AsSpan(headerLength);
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = pixels[i] / 255f;
        }

        var classes = new int[labelCount];
        ReadOnlySpan<byte> labelBytes = labels.AsSpan(labelHeaderLength);
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = labelBytes[i];
        }

        return new Dataset(features, pixelsPerImage, classes, null, 0);
    }

    /// <summary>Reads an IDX header and checks that the file holds exactly the data it announces.</summary>
    private static int ReadHeader(byte[] file, string path, int magic, int dimensions, out int headerLength, out int itemSize)
    {
        headerLength = 4 + (4 * dimensions);
        int found = file.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(file) : 0;
        if (found != magic)
        {
            throw new InvalidDataException($"'{path}' starts with magic number 0x{found:X8}; expected 0x{magic:X8} (unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}).");
        }

        if (file.Length < headerLength)
        {
            throw new InvalidDataException($"'{path}' is {file.Length} bytes long, shorter than an IDX header of {headerLength} bytes.");
        }

        int count = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4));
        long size = 1;
        for (int d = 1; d < dimensions; d++)
        {
            int extent = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4 + (4 * d)));
            if (extent <= 0)
            {
                throw new InvalidDataException($"'{path}' declares dimension {d} as {extent}; expected a positive size.");
            }

            size *= extent;
        }

        long expected = headerLength + ((long)count * size);
        if (count < 0 || size > int.MaxValue || expected != file.Length)
        {
            throw new InvalidDataException($"'{path}' declares {count} items of {size} bytes ({expected} bytes with its header) but is {file.Length} bytes long.");
        }

        itemSize = (int)size;
        return count;
    }

    /// <summary>The file's bytes, decompressed when it starts with the gzip magic 1F 8B.</summary>
    private static byte[] ReadMaybeGzip(string path)
    {
        byte[] raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B)
        {
            return raw;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is a damaged or truncated gzip stream: {e.Message}", e);
        }
    }
}
