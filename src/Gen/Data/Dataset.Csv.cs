using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using nietras.SeparatedValues;

namespace Gen;

public sealed partial class Dataset
{
    /// <summary>
    /// Loads a CSV file: the column named <paramref name="labelColumn"/> is the label (or target),
    /// every other column a feature. Numbers are read in the invariant culture; a missing,
    /// non-numeric or non-finite value is an <see cref="InvalidDataException"/> naming its line and column.
    /// </summary>
    public static Dataset LoadCsv(string path, string labelColumn, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        options ??= new CsvOptions();
        if (!options.HasHeader)
        {
            throw new ArgumentException("A label column can be named only when the file has a header; pass its index instead.", nameof(labelColumn));
        }

        return LoadCsv(path, header => header.IndexOf(labelColumn) is int index && index >= 0
            ? index
            : throw new InvalidDataException($"'{path}' has no column named '{labelColumn}'; its columns are {string.Join(", ", header)}."), options);
    }

    /// <summary>As the named overload, with the label in the column at <paramref name="labelColumn"/> (from 0).</summary>
    public static Dataset LoadCsv(string path, int labelColumn, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        return LoadCsv(path, header => labelColumn >= 0 && labelColumn < header.Count
            ? labelColumn
            : throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn, $"'{path}' has {header.Count} columns (0 to {header.Count - 1})."), options);
    }

    private static Dataset LoadCsv(string path, Func<List<string>, int> findLabel, CsvOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SepReaderOptions reader = options.Separator is char separator ? Sep.New(separator).Reader() : Sep.Reader();
        // Column counts are checked here, so the error names the file and the expected count.
        reader = reader with { HasHeader = options.HasHeader, CultureInfo = CultureInfo.InvariantCulture, DisableColCountCheck = true };
        var features = new List<float>();
        var labels = new List<int>();
        var targets = new List<float>();
        int columns = -1, label = -1;
        List<string> names = [];
        try
        {
            using SepReader csv = reader.FromFile(path);
            if (options.HasHeader)
            {
                names = [.. csv.Header.ColNames];
                columns = names.Count;
                label = findLabel(names);
            }

            foreach (SepReader.Row row in csv)
            {
                if (columns < 0)
                {
                    columns = row.ColCount;
                    for (int c = 0; c < columns; c++)
                    {
                        names.Add(c.ToString(CultureInfo.InvariantCulture));
                    }

                    label = findLabel(names);
                }

                int line = row.LineNumberFrom;
                if (row.ColCount != columns)
                {
                    throw new InvalidDataException($"'{path}' line {line} has {row.ColCount} columns; expected {columns} as on the first line.");
                }

                for (int c = 0; c < columns; c++)
                {
                    float value = ParseCell(path, line, names[c], row[c].Span);
                    if (c != label)
                    {
                        features.Add(value);
                    }
                    else if (!options.ClassLabels)
                    {
                        targets.Add(value);
                    }
                    else if (value < 0 || value != MathF.Floor(value) || value > int.MaxValue)
                    {
                        throw new InvalidDataException($"'{path}' line {line}, column '{names[c]}': {row[c].ToString()} is not a class label (an integer 0 or greater); set CsvOptions.ClassLabels = false for a float target.");
                    }
                    else
                    {
                        labels.Add((int)value);
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception e) when (e is not ArgumentException and not IOException)
        {
            throw new InvalidDataException($"'{path}' is not a well-formed CSV file: {e.Message}", e);
        }

        if (columns < 2)
        {
            throw new InvalidDataException($"'{path}' has {Math.Max(columns, 0)} column(s); a data set needs at least one feature and a label.");
        }

        return options.ClassLabels
            ? FromArrays([.. features], columns - 1, [.. labels])
            : FromArrays([.. features], columns - 1, [.. targets], 1);
    }

    private static float ParseCell(string path, int line, string column, ReadOnlySpan<char> text)
    {
        if (text.Trim().IsEmpty)
        {
            throw new InvalidDataException($"'{path}' line {line}, column '{column}': the value is missing.");
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            throw new InvalidDataException($"'{path}' line {line}, column '{column}': '{text.ToString()}' is not a number (the invariant culture is used: '.' for decimals).");
        }

        if (!float.IsFinite(value))
        {
            throw new InvalidDataException($"'{path}' line {line}, column '{column}': {text.ToString()} is not a finite number.");
        }

        return value;
    }
}
