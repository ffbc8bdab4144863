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
    /// The most data one IDX file may declare (1 GiB). The header is checked against it before
    /// anything is allocated, so a hostile header cannot exhaust memory.
    /// </summary>
    public const long MaxIdxBytes = 1L << 30;

    /// <summary>
    /// Loads images and labels in the IDX format of MNIST, gzip-compressed or raw (told apart by
    /// the gzip magic bytes). Pixels are scaled from 0…255 to [0, 1].
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A file is not IDX, declares more than <see cref="MaxIdxBytes"/>, is truncated or longer than
    /// its header says (also after decompression), or the two files disagree.
    /// </exception>
    public static Dataset LoadIdx(string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        byte[] pixels = ReadIdx(imagesPath, ImagesMagic, dimensions: 3, out int imageCount, out int pixelsPerImage);
        byte[] labelBytes = ReadIdx(labelsPath, LabelsMagic, dimensions: 1, out int labelCount, out _);
        if (imageCount != labelCount)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {imageCount} images but '{labelsPath}' holds {labelCount} labels; expected one label per image.");
        }

        var features = new float[pixels.Length];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = pixels[i] / 255f;
        }

        var classes = new int[labelCount];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = labelBytes[i];
        }

        return new Dataset(features, pixelsPerImage, classes, null, 0);
    }

    /// <summary>
    /// Reads one IDX file's data after checking its header: the data must be exactly what the
    /// header declares. A gzip stream is decompressed only that far, plus one byte to prove it ends.
    /// </summary>
    private static byte[] ReadIdx(string path, int magic, int dimensions, out int count, out int itemSize)
    {
        using FileStream file = File.OpenRead(path);
        bool gzip = IsGzip(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        string what = gzip ? "decompressed data" : "file";
        try
        {
            byte[] header = new byte[4 + (4 * dimensions)];
            int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            int found = read >= 4 ? BinaryPrimitives.ReadInt32BigEndian(header) : 0;
            if (found != magic)
            {
                throw new InvalidDataException($"'{path}' starts with magic number 0x{found:X8}; expected 0x{magic:X8} (unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}).");
            }

            if (read < header.Length)
            {
                throw new InvalidDataException($"'{path}' ends after {read} bytes, inside its {header.Length}-byte IDX header.");
            }

            count = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            long size = 1;
            for (int d = 1; d < dimensions; d++)
            {
                int extent = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + (4 * d)));
                if (extent <= 0)
                {
                    throw new InvalidDataException($"'{path}' declares dimension {d} as {extent}; expected a positive size.");
                }

                size *= extent;
            }

            long expected = (long)count * size;
            if (count < 0 || expected > MaxIdxBytes)
            {
                throw new InvalidDataException($"'{path}' declares {count} items of {size} bytes ({expected} bytes); the limit is {MaxIdxBytes} bytes.");
            }

            if (!gzip && file.Length != header.Length + expected)
            {
                throw new InvalidDataException($"'{path}' declares {count} items of {size} bytes ({header.Length + expected} bytes with its header) but is {file.Length} bytes long.");
            }

            byte[] data = new byte[expected];
            read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            if (read < data.Length)
            {
                throw new InvalidDataException($"'{path}' is truncated: its header declares {count} items of {size} bytes ({expected} bytes), but the {what} ends after {read}.");
            }

            if (stream.ReadByte() >= 0)
            {
                throw new InvalidDataException($"'{path}' holds more data than its header declares ({count} items of {size} bytes).");
            }

            itemSize = (int)size;
            return data;
        }
        catch (InvalidDataException e) when (gzip && !e.Message.StartsWith($"'{path}'", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is a damaged gzip stream: {e.Message}", e);
        }
    }

    /// <summary>True when the file starts with the gzip magic bytes 1F 8B; leaves the position at 0.</summary>
    private static bool IsGzip(FileStream file)
    {
        int first = file.ReadByte();
        int second = file.ReadByte();
        file.Position = 0;
        return first == 0x1F && second == 0x8B;
    }
}
