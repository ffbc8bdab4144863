using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Gen.Benchmarks;

/// <summary>What a benchmark class computes, for the FLOP count of one call.</summary>
public enum Workload
{
    /// <summary><see cref="PeakFma"/>: FMAs only.</summary>
    Peak,

    /// <summary>One training step on a batch of 64.</summary>
    TrainStep,

    /// <summary>One epoch over the 7,996 training digits.</summary>
    Epoch,

    /// <summary>A forward pass of <c>Batch</c> samples.</summary>
    Predict,

    /// <summary>One of the first layer's products on a batch of 64: 64 · 784 · H multiply-adds.</summary>
    Product,
}

/// <summary>Marks a benchmark class with its <see cref="Workload"/> for <see cref="GflopsColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WorkloadFlopsAttribute(Workload workload) : Attribute
{
    /// <summary>The workload.</summary>
    public Workload Workload { get; } = workload;
}

/// <summary>
/// FLOPs of the matrix work of one call (2 per multiply-add), counted from the model's shape:
/// a dense layer of n inputs and u units costs 2·n·u per sample forward, 2·n·u for its weight
/// gradient and, except for the first layer, 2·n·u for its input gradient. A training sample of
/// 784 → H → 10 is thus 4·784·H + 6·10·H FLOP, a prediction 2·784·H + 2·10·H. Bias, activation,
/// softmax and the optimizer are not counted (they are O(H) per sample, or per step). The count is
/// of the dense products, whatever Gen skips: on inputs with zeros the figure is the rate at which
/// it gets through the dense work.
/// </summary>
public static class Flops
{
    private const int Inputs = 784;
    private const int Classes = 10;

    /// <summary>The FLOPs of one call of <paramref name="benchmark"/>, or null for a class without a count.</summary>
    public static double? PerCall(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        WorkloadFlopsAttribute? attribute = benchmark.Descriptor.Type.GetCustomAttribute<WorkloadFlopsAttribute>();
        if (attribute is null)
        {
            return null;
        }

        int hidden = Parameter(benchmark, "Hidden");
        double trainSample = (4.0 * Inputs * hidden) + (6.0 * Classes * hidden);
        double predictSample = (2.0 * Inputs * hidden) + (2.0 * Classes * hidden);
        return attribute.Workload switch
        {
            Workload.Peak => (double)PeakFma.Iterations * PeakFma.Accumulators * 2
                * (benchmark.Descriptor.WorkloadMethod.Name.Contains("512", StringComparison.Ordinal) ? 16 : 8)
                * (benchmark.Descriptor.WorkloadMethod.Name.Contains("TwoThreads", StringComparison.Ordinal) ? 2 : 1),
            Workload.TrainStep => MnistData.BatchSize * trainSample,
            Workload.Epoch => MnistData.Train.Count * trainSample,
            Workload.Predict => Parameter(benchmark, "Batch") * predictSample,
            Workload.Product => 2.0 * MnistData.BatchSize * Inputs * hidden,
            _ => null,
        };
    }

    private static int Parameter(BenchmarkCase benchmark, string name) =>
        benchmark.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value is int value ? value : 0;
}

/// <summary>Achieved GFLOP/s of the matrix work: <see cref="Flops.PerCall"/> over the median time of a call.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Matrix-work FLOPs of one call (2 per multiply-add) divided by the median time of a call";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        double? flops = Flops.PerCall(benchmarkCase);
        double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        return flops is null || nanoseconds is null or <= 0
            ? "-"
            : (flops.Value / nanoseconds.Value).ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
