using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Gen.Benchmarks;

/// <summary>
/// Gen's one-thread 784-128-10 <c>TrainStep</c> with its thread pinned to vCPU 0, then to vCPU 1: whether
/// this run's two cores were equally fast. A two-thread step waits for the slower core at every
/// handoff, so when these two differ, the two-thread figures of the same run are bounded by the
/// slower one, whatever Gen does. (On this project's VM they differed by 15–25 % for minutes at a
/// time, one vCPU or the other.) Linux only: pinning is <c>sched_setaffinity</c>.
/// </summary>
[WorkloadFlops(Workload.TrainStep)]
public class EachCpu
{
    private IMlp _model = null!;
    private float[] _inputs = null!;
    private int[] _labels = null!;
    private bool _pinned;

    /// <summary>Hidden units: the 784-128-10 model only, enough to compare the cores.</summary>
    [Params(128)]
    public int Hidden { get; set; }

    /// <summary>The vCPU the benchmark thread runs on.</summary>
    [Params(0, 1)]
    public int Cpu { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!OperatingSystem.IsLinux() || Cpu >= Environment.ProcessorCount)
        {
            throw new PlatformNotSupportedException($"EachCpu pins to vCPU {Cpu}: it needs Linux and at least {Cpu + 1} CPUs (this machine has {Environment.ProcessorCount}).");
        }

        _model = Models.Create(Implementation.Gen, Hidden);
        _inputs = MnistData.Train.Features.Slice(0, MnistData.BatchSize * MnistData.Inputs).ToArray();
        _labels = MnistData.Train.Labels.Slice(0, MnistData.BatchSize).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model?.Dispose();
        if (_pinned)
        {
            // Every vCPU again, for whatever this process runs next.
            ulong all = Environment.ProcessorCount >= 64 ? ulong.MaxValue : (1UL << Environment.ProcessorCount) - 1;
            SetAffinity(all);
            _pinned = false;
        }
    }

    [Benchmark]
    public float GenOneThread()
    {
        // Pinned on the first call, on the thread that runs every call (the engine's own).
        if (!_pinned)
        {
            Pin(Cpu);
            _pinned = true;
        }

        return _model.TrainStep(_inputs, _labels);
    }

    private static void Pin(int cpu) => SetAffinity(1UL << cpu);

    private static void SetAffinity(ulong mask)
    {
        if (sched_setaffinity(0, sizeof(ulong), ref mask) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"sched_setaffinity to the vCPUs of mask {mask:x} failed.");
        }
    }

    // pid 0 is the calling thread.
    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);
}
