using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Gen.Persistence;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw little-endian data. Only F32.
/// </summary>
internal static class SafeTensorsFile
{
    /// <summary>Headers above this are refused before reading: a real one for a small model is a few KB.</summary>
    public const long MaxHeaderBytes = 1 << 20;

    public sealed record Tensor(string Name, int[] Shape, float[] Data);

    /// <summary>Writes the tensors, in order, to <paramref name="path"/> atomically: a crash leaves the old file.</summary>
    public static void Write(string path, IReadOnlyList<Tensor> tensors, IReadOnlyDictionary<string, string> metadata, Func<Stream, Stream>? wrap = null)
    {
        byte[] header = Header(tensors, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (Tensor tensor in tensors)
            {
                byte[] bytes = new byte[tensor.Data.Length * sizeof(float)];
                for (int i = 0; i < tensor.Data.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), tensor.Data[i]);
                }

                stream.Write(bytes);
            }
        }, wrap);
    }

    private static byte[] Header(IReadOnlyList<Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                json.WriteString(entry.Key, entry.Value);
            }

            json.WriteEndObject();
            long offset = 0;
            foreach (Tensor tensor in tensors)
            {
                long end = offset + ((long)tensor.Data.Length * sizeof(float));
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int extent in tensor.Shape)
                {
                    json.WriteNumberValue(extent);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }

            json.WriteEndObject();
        }

        // The format pads the header with spaces so that the data starts 8-byte aligned.
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        byte[] header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }

    /// <summary>
    /// Reads every tensor named in <paramref name="expected"/> (name → shape), checking the whole
    /// file first: header length, JSON, dtypes, shapes, offsets in bounds, contiguous and not
    /// overlapping, no missing or extra tensors. Throws <see cref="InvalidDataException"/> naming
    /// the problem; returns the data only when everything holds. Names in <paramref name="optional"/>
    /// may be missing; when present they are checked like the others.
    /// </summary>
    public static (Dictionary<string, float[]> Tensors, Dictionary<string, string> Metadata) Read(
        string path, IReadOnlyDictionary<string, int[]> expected, IReadOnlySet<string>? optional = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        byte[] headerBytes = ReadHeader(file, path);
        long dataLength = file.Length - 8 - headerBytes.Length;
        var metadata = new Dictionary<string, string>();
        var ranges = new List<(string Name, long Start, long End)>();
        try
        {
            using JsonDocument header = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 4 });
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "has a header that is not a JSON object");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in header.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Invalid(path, $"names '{property.Name}' twice in its header");
                }

                if (property.Name == "__metadata__")
                {
                    foreach (JsonProperty entry in property.Value.EnumerateObject())
                    {
                        metadata[entry.Name] = entry.Value.GetString() ?? string.Empty;
                    }

                    continue;
                }

                if (!expected.TryGetValue(property.Name, out int[]? shape))
                {
                    throw Invalid(path, $"holds a tensor '{property.Name}' that the model does not have");
                }

                string dtype = property.Value.GetProperty("dtype").GetString() ?? string.Empty;
                if (dtype != "F32")
                {
                    throw Invalid(path, $"stores '{property.Name}' as {dtype}; expected F32");
                }

                var found = new List<long>();
                foreach (JsonElement extent in property.Value.GetProperty("shape").EnumerateArray())
                {
                    found.Add(extent.GetInt64());
                }

                if (found.Count != shape.Length || !found.Zip(shape).All(p => p.First == p.Second))
                {
                    throw Invalid(path, $"gives '{property.Name}' the shape [{string.Join(", ", found)}]; the model expects [{string.Join(", ", shape)}]");
                }

                JsonElement offsets = property.Value.GetProperty("data_offsets");
                long start = offsets[0].GetInt64(), end = offsets[1].GetInt64();
                long size = 4L * shape.Aggregate(1L, (a, b) => a * b);
                if (start < 0 || end > dataLength || end - start != size)
                {
                    throw Invalid(path, $"places '{property.Name}' at bytes [{start}, {end}) of a {dataLength}-byte data section; expected {size} bytes within it");
                }

                ranges.Add((property.Name, start, end));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw Invalid(path, "has a malformed JSON header: " + e.Message, e);
        }

        foreach (string name in expected.Keys)
        {
            if (optional?.Contains(name) != true && !ranges.Exists(r => r.Name == name))
            {
                throw Invalid(path, $"has no tensor '{name}'");
            }
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        long cursor = 0;
        foreach ((string name, long start, long end) in ranges)
        {
            if (start != cursor)
            {
                throw Invalid(path, start < cursor ? $"lets '{name}' overlap the tensor before it" : $"leaves a gap before '{name}'");
            }

            cursor = end;
        }

        if (cursor != dataLength)
        {
            throw Invalid(path, $"has {dataLength - cursor} bytes after its last tensor");
        }

        var tensors = new Dictionary<string, float[]>();
        byte[] data = new byte[dataLength];
        file.ReadExactly(data);
        foreach ((string name, long start, long end) in ranges)
        {
            var values = new float[(end - start) / 4];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan((int)start + (i * 4)));
            }

            tensors[name] = values;
        }

        return (tensors, metadata);
    }

    /// <summary>
    /// Reads only the header's <c>__metadata__</c>, checking the header length and JSON, so that a
    /// caller can say what a file is (another model, not a checkpoint) before checking its tensors.
    /// </summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        byte[] headerBytes = ReadHeader(file, path);
        var metadata = new Dictionary<string, string>();
        try
        {
            using JsonDocument header = JsonDocument.Parse(headerBytes, new JsonDocumentOptions { MaxDepth = 4 });
            if (header.RootElement.ValueKind == JsonValueKind.Object && header.RootElement.TryGetProperty("__metadata__", out JsonElement entries))
            {
                foreach (JsonProperty entry in entries.EnumerateObject())
                {
                    metadata[entry.Name] = entry.Value.GetString() ?? string.Empty;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid(path, "has a malformed JSON header: " + e.Message, e);
        }

        return metadata;
    }

    /// <summary>
    /// The JSON header's bytes, after checking the 8-byte length before it: within the file and
    /// within <see cref="MaxHeaderBytes"/>, so a hostile length allocates nothing. Leaves the
    /// stream at the first data byte.
    /// </summary>
    private static byte[] ReadHeader(FileStream file, string path)
    {
        long length = file.Length;
        if (length < 8)
        {
            throw Invalid(path, $"is {length} bytes long, too short for the 8-byte header length");
        }

        Span<byte> prefix = stackalloc byte[8];
        file.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > length - 8)
        {
            throw Invalid(path, $"declares a header of {headerLength} bytes, but the file has {length - 8} bytes after the length and headers are limited to {MaxHeaderBytes}");
        }

        byte[] headerBytes = new byte[headerLength];
        file.ReadExactly(headerBytes);
        return headerBytes;
    }

    private static InvalidDataException Invalid(string path, string problem, Exception? inner = null) =>
        new($"'{path}' is not a valid safetensors file for this model: it {problem}.", inner);
}
