namespace Gen;

/// <summary>How <see cref="Dataset.LoadCsv(string, string, CsvOptions?)"/> reads a file.</summary>
public sealed record CsvOptions
{
    /// <summary>The first line names the columns (default true). Without a header, columns are found by index only.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The separator; null detects it from the first line (',', ';', '\t', '|' or ' ').</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// True (default) when the label column holds class indices (0, 1, 2, …) for classifiers;
    /// false when it holds a float target for regression or binary cross-entropy.
    /// </summary>
    public bool ClassLabels { get; init; } = true;
}
