using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace Gen.Benchmarks;

/// <summary>
/// The machine's FP32 FMA peak on one core: 12 independent accumulators (enough to cover the FMA
/// latency on both FMA pipes) each fused with a constant multiplier and addend, so the loop is
/// nothing but register-to-register FMAs. One FMA of a vector of n floats counts 2n FLOP; each
/// call does <see cref="Iterations"/> × 12 of them. The GFLOP/s column divides by the time.
/// Without AVX-512, <see cref="Vector512{T}"/> is emulated and runs far below the peak: the
/// Vector256 figure is then this machine's peak. <see cref="Vector512FmaTwoThreads"/> runs the
/// same loop on both cores at once: the most that two threads can gain over one on this machine
/// when neither waits for the other, the ceiling for the two-thread training figures of the same run.
/// </summary>
[WorkloadFlops(Workload.Peak)]
public class PeakFma
{
    private SpinningHelper? _helper;

    /// <summary>Loop iterations per call.</summary>
    public const int Iterations = 100_000;

    /// <summary>Independent accumulators.</summary>
    public const int Accumulators = 12;

    [Benchmark]
    public float Vector256Fma()
    {
        Vector256<float> x = Vector256.Create(0.999999f);
        Vector256<float> y = Vector256.Create(1e-6f);
        Vector256<float> a0 = Vector256.Create(0.0f), a1 = Vector256.Create(0.1f), a2 = Vector256.Create(0.2f), a3 = Vector256.Create(0.3f);
        Vector256<float> a4 = Vector256.Create(0.4f), a5 = Vector256.Create(0.5f), a6 = Vector256.Create(0.6f), a7 = Vector256.Create(0.7f);
        Vector256<float> a8 = Vector256.Create(0.8f), a9 = Vector256.Create(0.9f), a10 = Vector256.Create(1.0f), a11 = Vector256.Create(1.1f);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y);
            a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y);
            a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y);
            a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y);
            a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y);
            a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y);
            a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }

        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [GlobalSetup(Target = nameof(Vector512FmaTwoThreads))]
    public void StartHelper() => _helper = new SpinningHelper(() => Vector512Fma());

    [GlobalCleanup]
    public void StopHelper() => _helper?.Dispose();

    /// <summary><see cref="Vector512Fma"/> on this thread and on a second one at the same time; twice the FLOPs.</summary>
    [Benchmark]
    public float Vector512FmaTwoThreads()
    {
        _helper!.Post();
        float sum = Vector512Fma();
        _helper.Wait();
        return sum;
    }

    [Benchmark]
    public float Vector512Fma()
    {
        Vector512<float> x = Vector512.Create(0.999999f);
        Vector512<float> y = Vector512.Create(1e-6f);
        Vector512<float> a0 = Vector512.Create(0.0f), a1 = Vector512.Create(0.1f), a2 = Vector512.Create(0.2f), a3 = Vector512.Create(0.3f);
        Vector512<float> a4 = Vector512.Create(0.4f), a5 = Vector512.Create(0.5f), a6 = Vector512.Create(0.6f), a7 = Vector512.Create(0.7f);
        Vector512<float> a8 = Vector512.Create(0.8f), a9 = Vector512.Create(0.9f), a10 = Vector512.Create(1.0f), a11 = Vector512.Create(1.1f);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y);
            a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y);
            a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y);
            a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y);
            a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y);
            a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y);
            a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }

        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }
}
