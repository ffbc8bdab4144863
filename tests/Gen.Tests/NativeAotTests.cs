using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Publishes the Predict sample as a user of the package would, with NativeAOT, and runs the native
/// binary: Gen's runtime (all of it, rooted) and generated code must compile without a trimming or
/// AOT warning (IL2xxx, IL3xxx), keep their SIMD paths, load weights, classify real digits and train.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotTests
{
    private readonly PackageConsumerTests.PackedGen _package;

    public NativeAotTests(PackageConsumerTests.PackedGen package) => _package = package;

    [Fact]
    public void The_Predict_sample_publishes_with_NativeAOT_without_warnings_and_predicts()
    {
        // NativeAOT compiles for the machine's own OS and architecture only; CI runs on Linux x64.
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return;
        }

        string repository = PackageConsumerTests.PackedGen.RepositoryRoot();
        string sample = Path.Combine(repository, "samples", "Predict");
        string project = _package.CreateConsumer("AotConsumer", File.ReadAllText(Path.Combine(sample, "Program.cs")), """
              <PropertyGroup>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                <!-- All of Gen is compiled and analyzed, not only what the program calls: the ONNX
                     export (Google.Protobuf), the plots (ScottPlot), checkpoints, CSV, metrics. -->
                <TrimmerRootAssembly Include="Gen" />
                <None Include="data/*.gz" CopyToOutputDirectory="PreserveNewest" />
                <None Include="mnist-net.safetensors" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            """);
        string directory = Path.GetDirectoryName(project)!;
        File.Copy(Path.Combine(sample, "ProcessClock.cs"), Path.Combine(directory, "ProcessClock.cs"));
        File.Copy(Path.Combine(sample, "mnist-net.safetensors"), Path.Combine(directory, "mnist-net.safetensors"));
        File.Copy(Path.Combine(repository, "samples", "Mnist", "MnistNet.cs"), Path.Combine(directory, "MnistNet.cs"));
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        foreach (string data in Directory.GetFiles(Path.Combine(repository, "samples", "Mnist", "data"), "*.gz"))
        {
            File.Copy(data, Path.Combine(directory, "data", Path.GetFileName(data)));
        }

        // The instruction sets of this machine, as the samples' eng/NativeAot.props chooses.
        string output = Path.Combine(directory, "native");
        (int exit, string published) = PackageConsumerTests.Run(
            "dotnet", $"publish \"{project}\" -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native -o \"{output}\"", _package.Root);
        Assert.True(exit == 0, published);
        Assert.Contains("Generating native code", published);
        string[] warnings = Regex.Matches(published, @"(warning|error) IL[23]\d{3}.*").Select(m => m.Value).Distinct().ToArray();
        Assert.True(warnings.Length == 0, "NativeAOT reported trimming or AOT warnings:\n" + string.Join("\n", warnings));

        string binary = Path.Combine(output, "AotConsumer");
        Assert.True(File.Exists(binary), $"No native binary at {binary}:\n{published}");
        Assert.False(File.Exists(Path.Combine(output, "AotConsumer.dll")), "The published program should be native code, not IL.");
        (exit, string run) = PackageConsumerTests.Run(binary, "", output);
        Assert.True(exit == 0, run);
        AssertPredicts(run);
        Assert.Matches(@"time to first prediction: \d+\.\d ms", run);

        // Training is native code too: the Mnist sample's recipe, then a prediction from the saved weights.
        string weights = Path.Combine(output, "retrained.safetensors");
        (exit, run) = PackageConsumerTests.Run(binary, $"--train \"{weights}\"", output);
        Assert.True(exit == 0, run);
        (exit, run) = PackageConsumerTests.Run(binary, $"--weights \"{weights}\"", output);
        Assert.True(exit == 0, run);
        AssertPredicts(run);
    }

    private static void AssertPredicts(string output)
    {
        Match first = Regex.Match(output, @"test digit 0: predicted (\d), labelled (\d)");
        Assert.True(first.Success, output);
        Assert.Equal(first.Groups[2].Value, first.Groups[1].Value);
        Match accuracy = Regex.Match(output, @"test accuracy: (\d+\.\d+) %");
        Assert.True(accuracy.Success, output);
        Assert.True(double.Parse(accuracy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 92, output);
        // The binary is native code and keeps (at least) the vector width the JIT uses on this machine.
        Match code = Regex.Match(output, @"code: (\w+), Vector512.IsHardwareAccelerated = (\w+), Vector256.IsHardwareAccelerated = (\w+)");
        Assert.True(code.Success, output);
        Assert.Equal("NativeAOT", code.Groups[1].Value);
        Assert.True(!Vector512.IsHardwareAccelerated || code.Groups[2].Value == "True", "Vector512 is accelerated under the JIT but not in the native binary:\n" + output);
        Assert.Equal(Vector256.IsHardwareAccelerated.ToString(), code.Groups[3].Value);
    }
}
