using System;
using System.Threading;

namespace Gen.Tests;

/// <summary>Warm-up before a measurement of what a call allocates in the steady state.</summary>
internal static class SteadyState
{
    /// <summary>
    /// Calls <paramref name="call"/> until tiered compilation has settled: long enough, and with a
    /// pause past the runtime's tiering delay (100 ms, restarted whenever new code is jitted), that
    /// every method it runs has been promoted. A promotion can allocate once on the calling thread
    /// (one measured window of 50 steps saw 3,864 bytes of it, and then none); what the allocation
    /// tests claim is that the calls themselves allocate nothing.
    /// </summary>
    public static void WarmUp(Action call)
    {
        for (int i = 0; i < 300; i++)
        {
            call();
        }

        Thread.Sleep(250);
        for (int i = 0; i < 300; i++)
        {
            call();
        }
    }
}
