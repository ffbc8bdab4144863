using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Gen.Generators.Tests;

/// <summary>
/// Golden files of generated code under <c>Baselines/</c> in the source tree. A test compares the
/// generated text with its file; when the output is meant to change, the files are rewritten with
/// <c>dotnet test -p:UpdateBaselines=true</c> or with the environment variable
/// <c>GEN_UPDATE_BASELINES=1</c>, and the change is reviewed in the diff (see README.md).
/// </summary>
internal static class Baselines
{
    public const string EnvironmentVariable = "GEN_UPDATE_BASELINES";

    public static bool Updating
    {
        get
        {
#if UPDATE_BASELINES
            return true;
#else
            string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
#endif
        }
    }

    /// <summary>The Baselines folder of the test project's source, recorded at build time.</summary>
    public static string Directory { get; } =
        typeof(Baselines).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BaselinesDirectory").Value!;

    public static string PathOf(string name) => Path.Combine(Directory, name + ".g.cs");

    /// <summary>Asserts that <paramref name="actual"/> equals the baseline, or rewrites it when updating.</summary>
    public static void Verify(string name, string actual)
    {
        string path = PathOf(name);
        actual = Normalize(actual);
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(
            File.Exists(path),
            $"No baseline {path}. Create it with `dotnet test -p:UpdateBaselines=true` (or {EnvironmentVariable}=1) and review it.");
        string expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            Assert.Fail(
                $"The generated code of {name} differs from {path} at line {FirstDifferentLine(expected, actual)}.{Environment.NewLine}" +
                $"If the change is intended, rewrite the baselines with `dotnet test -p:UpdateBaselines=true` (or {EnvironmentVariable}=1) and review the diff.{Environment.NewLine}" +
                Difference(expected, actual));
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static int FirstDifferentLine(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (e[i] != a[i])
            {
                return i + 1;
            }
        }

        return Math.Min(e.Length, a.Length) + 1;
    }

    private static string Difference(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        int line = FirstDifferentLine(expected, actual) - 1;
        string Show(string[] lines) => string.Join(Environment.NewLine, lines.Skip(Math.Max(0, line - 2)).Take(5).Select(l => "    " + l));
        return $"expected:{Environment.NewLine}{Show(e)}{Environment.NewLine}actual:{Environment.NewLine}{Show(a)}";
    }
}
