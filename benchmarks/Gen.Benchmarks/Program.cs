using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;
using Gen.Benchmarks;

// Gen's generated code vs a plain scalar C# baseline vs TorchSharp-cpu on one thread, in one run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks -- --filter '*' --job short
// `-- --verify` instead checks that the three implementations compute the same training steps;
// `--cold-start` is TorchSharp's side of benchmarks/cold-start.sh (ColdStart.cs), before any BenchmarkDotNet work;
// `--alternate [rounds]` runs the Epoch cases in turn in this process, for ratios on a drifting machine (AlternatingEpochs.cs).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--cold-start"))
{
    return ColdStart.Run();
}

int alternate = Array.IndexOf(args, "--alternate");
if (alternate >= 0)
{
    int rounds = 20;
    if (alternate + 1 < args.Length && !int.TryParse(args[alternate + 1], NumberStyles.None, CultureInfo.InvariantCulture, out rounds))
    {
        Console.Error.WriteLine($"--alternate takes a number of rounds; '{args[alternate + 1]}' is not one.");
        return 2;
    }

    return AlternatingEpochs.Run(rounds);
}

if (args.Contains("--verify"))
{
    return Verify.Run();
}

// BenchmarkDotNet builds each run's runner project itself, with `dotnet build` as a child of this
// process. MSBuild reads environment variables as properties, and Microsoft.Common.targets imports
// $(CustomAfterMicrosoftCommonTargets) into every project: so the runner's build patches its copy
// of libLibTorchSharp.so as this project's build patches its own (see PatchLibTorchSharp.targets),
// whatever job the command line chooses.
Environment.SetEnvironmentVariable("CustomAfterMicrosoftCommonTargets", Path.Combine(AppContext.BaseDirectory, "PatchLibTorchSharp.targets"));
IConfig config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Median, new GflopsColumn())
    .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared));
Console.WriteLine($"Vector512.IsHardwareAccelerated = {Vector512.IsHardwareAccelerated}, Vector256.IsHardwareAccelerated = {Vector256.IsHardwareAccelerated}");
BenchmarkSwitcher.FromAssembly(typeof(Epoch).Assembly).Run(args, config);
return 0;
