using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Gen.Benchmarks;

/// <summary>
/// The <see cref="Epoch"/> benchmark's four cases — Gen and TorchSharp, each on one thread and on two — in turn,
/// two epochs of each per round (the second timed), in one process: <c>-- --alternate [rounds]</c>.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures each case in a process of its own, one after another, so on a shared machine whose
/// speed drifts by 10–30 % within minutes, the ratio of two cases measured minutes apart carries the drift. Taken
/// in turn, every round's four epochs see nearly the same machine, and the median of the rounds' own ratios
/// (two threads over one, TorchSharp over Gen) leaves most of the drift out. It complements the BenchmarkDotNet
/// run; it does not replace its statistics, warm-up or allocation figures.
/// </remarks>
public static class AlternatingEpochs
{
    /// <summary>Runs <paramref name="rounds"/> rounds after 3 of warm-up, for both models, and prints the medians.</summary>
    public static int Run(int rounds)
    {
        if (rounds < 1)
        {
            Console.Error.WriteLine($"--alternate takes a number of rounds of at least 1; {rounds} was given.");
            return 2;
        }

        Console.WriteLine($"{rounds} rounds of two epochs (the second timed) each of Gen (1 and 2 threads) and TorchSharp (1 and 2 threads), in turn; medians in ms");
        Console.WriteLine($"{"model",-11} {"Gen",9} {"Gen 2T",9} {"TorchSharp",11} {"TS 2T",9} {"Gen 2T ÷ 1T",12} {"TS ÷ Gen",9} {"TS 2T ÷ 1T",11}");
        foreach (int hidden in new[] { 128, 64 })
        {
            var cases = new (Epoch Epoch, Func<double> Run, int TorchThreads)[4];
            var gen = new Epoch { Hidden = hidden };
            gen.SetupGen();
            var genTwo = new Epoch { Hidden = hidden };
            genTwo.SetupGenTwoThreads();
            var torch = new Epoch { Hidden = hidden };
            torch.SetupTorch();
            var torchTwo = new Epoch { Hidden = hidden };
            torchTwo.SetupTorchTwoThreads();
            cases[0] = (gen, gen.Gen, 0);
            cases[1] = (genTwo, genTwo.GenTwoThreads, 0);
            cases[2] = (torch, torch.TorchSharp, 1);
            cases[3] = (torchTwo, torchTwo.TorchSharpTwoThreads, 2);
            double[][] times = cases.Select(_ => new double[rounds]).ToArray();
            for (int round = -3; round < rounds; round++)
            {
                for (int c = 0; c < cases.Length; c++)
                {
                    if (cases[c].TorchThreads > 0)
                    {
                        // libtorch's intra-op thread count is per process: set before each of its epochs.
                        TorchSharp.torch.set_num_threads(cases[c].TorchThreads);
                    }

                    // The first epoch in a row warms the caches that the other cases' epochs filled, and lets
                    // libtorch's idle threads, which spin for a while after their work, go to sleep; the second is timed.
                    cases[c].Run();
                    long start = Stopwatch.GetTimestamp();
                    cases[c].Run();
                    if (round >= 0)
                    {
                        times[c][round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    }
                }
            }

            foreach (var (epoch, _, _) in cases)
            {
                epoch.Cleanup();
            }

            double RoundRatio(int numerator, int denominator) => Median(Enumerable.Range(0, rounds).Select(r => times[numerator][r] / times[denominator][r]));
            Console.WriteLine(
                $"{$"784-{hidden}-10",-11} {Median(times[0]),9:F2} {Median(times[1]),9:F2} {Median(times[2]),11:F2} {Median(times[3]),9:F2} " +
                $"{RoundRatio(0, 1),11:F2}× {RoundRatio(2, 0),8:F2}× {RoundRatio(2, 3),10:F2}×");
        }

        Console.WriteLine("(the ratios are medians of each round's own ratio: one thread's epoch over two threads', TorchSharp's over Gen's)");
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
