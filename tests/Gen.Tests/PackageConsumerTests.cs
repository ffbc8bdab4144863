using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Packs Gen the way it ships and builds separate projects against the package with one
/// PackageReference, as a user would: the generator must produce a working model, and the
/// analyzers must report a bad declaration in the build output with its file and line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageConsumerTests
{
    private readonly PackedGen _package;

    public PackageConsumerTests(PackedGen package) => _package = package;

    [Fact]
    public void A_consumer_of_the_package_trains_and_predicts()
    {
        string project = _package.CreateConsumer("Consumer", """
            using System;
            using Gen;

            var random = new Random(1);
            var features = new float[256 * 784];
            var labels = new int[256];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = i % 10;
                features[(i * 784) + labels[i]] = 1f; // a trivially learnable pattern
            }

            var data = Dataset.FromArrays(features, 784, labels);
            var model = new MnistNet();
            TrainingHistory history = model.Fit(data);
            Evaluation evaluation = model.Evaluate(data);
            Console.WriteLine($"epochs={history.Epochs.Count} accuracy={evaluation.Accuracy:F3} class={model.Classify(data.GetFeatures(3))}");

            [Model(Inputs = 784, Seed = 42)]
            [Dense(128, Activation.ReLU)]
            [Dense(10)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam(LearningRate = 1e-3f)]
            [Training(BatchSize = 64, Epochs = 10)]
            public partial class MnistNet;
            """);

        (int exit, string output) = Run("dotnet", $"run --project \"{project}\" -c Release", _package.Root);
        Assert.True(exit == 0, output);
        Assert.Contains("epochs=10 accuracy=1.000 class=3", output);
        Assert.True(
            File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "obj", "Release", "net10.0", "generated", "Gen.Generators", "Gen.Generators.ModelGenerator", "MnistNet.g.cs")),
            "The generated model should be visible with EmitCompilerGeneratedFiles.");
    }

    [Fact]
    public void The_package_analyzers_report_bad_declarations_with_file_and_line()
    {
        string project = _package.CreateConsumer("BadConsumer", """
            using Gen;

            System.Console.WriteLine(typeof(BadNet).Name);

            [Model(Inputs = 4)]
            [Dense(3, Activation.Sigmoid)]
            [Loss(LossKind.MeanSquaredError)]
            [Adam(LearningRate = 10f)]
            public partial class BadNet;

            [Model(Inputs = 4)]
            [Dense(1)]
            [Loss(LossKind.SoftmaxCrossEntropy)]
            [Adam(Beta1 = 1.5f)]
            public partial class BrokenNet;
            """);

        (int exit, string output) = Run("dotnet", $"build \"{project}\" -c Release", _package.Root);
        Assert.True(exit != 0, "GEN006 and GEN007 are errors, so the build must fail:\n" + output);
        foreach (string expected in new[]
        {
            @"Program\.cs\(8,\d+\): warning GEN104",
            @"Program\.cs\(7,\d+\): warning GEN102",
            @"Program\.cs\(14,\d+\): error GEN006",
            @"Program\.cs\(13,\d+\): error GEN007",
        })
        {
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, expected), $"'{expected}' is not in the build output:\n{output}");
        }
    }

    internal static (int ExitCode, string Output) Run(string file, string arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Packs the repository's Gen once, with a unique prerelease version, into a local feed.</summary>
    public sealed class PackedGen : IDisposable
    {
        public PackedGen()
        {
            Root = Path.Combine(Path.GetTempPath(), "gen-package-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Root, "feed");
            Directory.CreateDirectory(Feed);
            Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            string project = Path.Combine(RepositoryRoot(), "src", "Gen", "Gen.csproj");
            (int exit, string output) = Run("dotnet", $"pack \"{project}\" -c Release -o \"{Feed}\" -p:Version={Version}", Root);
            if (exit != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + output);
            }

            // The consumers must see neither the repository's build files nor a cached older Gen.
            File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="gen-local" value="{Feed}" />
                  </packageSources>
                </configuration>
                """);
        }

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        /// <summary>
        /// Writes a console project with one PackageReference to Gen, and <paramref name="project"/>
        /// (more properties and items) in its project file; returns its .csproj path.
        /// </summary>
        public string CreateConsumer(string name, string program, string project = "")
        {
            string directory = Path.Combine(Root, name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
            string file = Path.Combine(directory, name + ".csproj");
            File.WriteAllText(file, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Gen" Version="{Version}" />
                  </ItemGroup>
                {project}
                </Project>
                """);
            return file;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
                string cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "gen", Version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary folder is harmless.
            }
        }

        internal static string RepositoryRoot()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Gen.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (with Gen.sln) was not found above " + AppContext.BaseDirectory);
        }
    }
}

/// <summary>The test classes that build against the packed package share one pack (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageConsumerTests.PackedGen>
{
    public const string Name = "Gen package";
}
