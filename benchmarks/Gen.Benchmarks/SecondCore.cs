using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Gen.Benchmarks;

/// <summary>
/// Whether this run's second core is a whole one, for reading the two-thread figures beside it.
/// Each thread reads and rewrites its own 512 KB, <see cref="Passes"/> times: about what a core keeps
/// in its 1 MB L2 cache in a split 784-128-10 step (its rows of the weights and of Adam's two moments
/// are 600 KB, with their gradients 800 KB), and small enough to stay there when the core is whole. On two whole cores <see cref="TwoThreads"/> takes as long as <see cref="OneThread"/>;
/// on a virtual machine whose second vCPU shares its physical core or its cache with other work,
/// it takes longer, and so does every two-thread training figure of the same run.
/// </summary>
public class SecondCore
{
    /// <summary>Passes over each buffer per call.</summary>
    public const int Passes = 32;

    private const int Floats = 512 * 1024 / sizeof(float);

    private readonly float[] _first = new float[Floats];
    private readonly float[] _second = new float[Floats];
    private SpinningHelper? _helper;

    [GlobalSetup(Target = nameof(TwoThreads))]
    public void StartHelper() => _helper = new SpinningHelper(() => Stream(_second));

    [GlobalCleanup]
    public void StopHelper() => _helper?.Dispose();

    [Benchmark(Baseline = true)]
    public void OneThread() => Stream(_first);

    [Benchmark]
    public void TwoThreads()
    {
        _helper!.Post();
        Stream(_first);
        _helper.Wait();
    }

    private static void Stream(float[] buffer)
    {
        var decay = new Vector<float>(0.999f);
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int i = 0; i <= buffer.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(buffer, i) * decay).CopyTo(buffer, i);
            }
        }
    }
}
