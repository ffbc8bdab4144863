using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gen.Analyzers.Tests;

/// <summary>The descriptor table, the release-tracking file and the doc pages list the same ids.</summary>
public class DescriptorTableTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = [.. new ModelAnalyzer().SupportedDiagnostics];

    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public void Ids_are_unique_and_cover_the_published_table()
    {
        string[] ids = [.. Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal)];
        Assert.Equal(
            ["GEN001", "GEN002", "GEN003", "GEN004", "GEN005", "GEN006", "GEN007", "GEN008", "GEN009", "GEN010",
             "GEN101", "GEN102", "GEN103", "GEN104", "GEN105", "GEN106", "GEN107", "GEN108", "GEN109",
             "GEN110", "GEN111", "GEN112", "GEN113", "GEN201"],
            ids);
    }

    /// <summary>
    /// GEN112 is an error with a warning's id: issue 5 published it as a warning, but a BatchNorm
    /// after its Dense layer's Dropout cannot be built (docs/diagnostics/GEN112.md). Ids are stable,
    /// so it kept its number.
    /// </summary>
    private static readonly string[] ErrorsWithWarningIds = ["GEN112"];

    [Fact]
    public void Severity_follows_the_id_range()
    {
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            DiagnosticSeverity expected = descriptor.Id[3] switch
            {
                '0' => DiagnosticSeverity.Error,
                '1' when ErrorsWithWarningIds.Contains(descriptor.Id) => DiagnosticSeverity.Error,
                '1' => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            Assert.Equal(expected, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
        }
    }

    [Fact]
    public void Every_severity_is_configurable()
    {
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.DoesNotContain(WellKnownDiagnosticTags.NotConfigurable, descriptor.CustomTags);
        }
    }

    [Fact]
    public void Every_id_links_to_its_doc_page_and_the_page_exists()
    {
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            string page = Path.Combine(RepositoryRoot, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"missing {page}");
            string text = File.ReadAllText(page);
            Assert.StartsWith($"# {descriptor.Id}: ", text, StringComparison.Ordinal);
            foreach (string section in new[] { "## What it means", "## Why", "## Example", "## How to fix" })
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_id_is_in_the_index_and_the_release_tracking_file()
    {
        string index = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "diagnostics", "README.md"));
        string[] releaseRows = File.ReadAllLines(Path.Combine(RepositoryRoot, "analyzers", "Gen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.Contains($"[{descriptor.Id}]({descriptor.Id}.md)", index, StringComparison.Ordinal);
            string? row = releaseRows.FirstOrDefault(r => r.StartsWith(descriptor.Id + " ", StringComparison.Ordinal));
            Assert.True(row is not null, $"{descriptor.Id} is not in AnalyzerReleases.Unshipped.md");
            string[] cells = [.. row!.Split('|').Select(c => c.Trim())];
            Assert.Equal(descriptor.Category, cells[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Gen.sln not found above " + AppContext.BaseDirectory);
    }
}
