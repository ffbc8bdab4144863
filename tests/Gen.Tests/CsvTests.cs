using System;
using System.IO;
using Xunit;

namespace Gen.Tests;

public sealed class CsvTests
{
    private static string Write(TempDirectory dir, string text) => dir.Write("data.csv", System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_features_and_a_class_label_by_name_in_the_invariant_culture()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "x1,species,x2\n0.5,1,-2.25\n1e-3,0,3\n");
        Dataset data = Dataset.LoadCsv(path, "species");
        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(new[] { 0.5f, -2.25f, 0.001f, 3f }, data.Features.ToArray());
        Assert.Equal(new[] { 1, 0 }, data.Labels.ToArray());
    }

    [Fact]
    public void Reads_a_float_target_by_index_without_a_header_with_another_separator()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "1;2;0.75\n3;4;-1.5\n");
        Dataset data = Dataset.LoadCsv(path, 2, new CsvOptions { HasHeader = false, Separator = ';', ClassLabels = false });
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features.ToArray());
        Assert.Equal(new[] { 0.75f, -1.5f }, data.Targets.ToArray());
    }

    [Theory]
    [InlineData("a,b,label\n1,2,0\n3,,1\n", "line 3, column 'b': the value is missing")]
    [InlineData("a,b,label\n1,2,0\n3,x4,1\n", "line 3, column 'b': 'x4' is not a number")]
    [InlineData("a,b,label\n1,NaN,0\n", "line 2, column 'b': NaN is not a finite number")]
    [InlineData("a,b,label\n1,2,0\n1,2,0.5\n", "line 3, column 'label': 0.5 is not a class label")]
    [InlineData("a,b,label\n1,2,0\n1,2\n", "line 3 has 2 columns; expected 3")]
    [InlineData("a,b,c\n1,2,0\n", "has no column named 'label'; its columns are a, b, c")]
    public void Bad_values_are_named_by_line_and_column(string text, string expected)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, text);
        var error = Assert.Throws<InvalidDataException>(() => Dataset.LoadCsv(path, "label"));
        Assert.Contains(expected, error.Message);
    }
}
