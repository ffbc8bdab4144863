using System;
using System.Threading;

namespace Gen.Benchmarks;

/// <summary>
/// A second thread for two-thread benchmarks that spins between calls, as Gen's training worker
/// does, so that a call measures the two threads' work and not a thread pool's wake-up.
/// <see cref="Post"/> starts one run of its work; <see cref="Wait"/> waits for it. Nothing is allocated per call.
/// </summary>
public sealed class SpinningHelper : IDisposable
{
    private readonly Thread _thread;
    private volatile int _posted;
    private volatile int _done;
    private volatile bool _stop;

    /// <summary>Starts the thread, which runs <paramref name="work"/> once per <see cref="Post"/>.</summary>
    public SpinningHelper(Action work)
    {
        _thread = new Thread(() =>
        {
            int seen = 0;
            while (!_stop)
            {
                if (_posted == seen)
                {
                    Thread.SpinWait(1);
                    continue;
                }

                seen = _posted;
                work();
                _done = seen;
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Has the thread run its work once more.</summary>
    public void Post() => _posted++;

    /// <summary>Spins until the last posted run has finished.</summary>
    public void Wait()
    {
        int ticket = _posted;
        while (_done != ticket)
        {
            Thread.SpinWait(1);
        }
    }

    /// <summary>Ends the thread.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
