using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Gen.Kernels;

/// <summary>A piece of work a <see cref="WorkerThread"/> runs; preallocated, so posting allocates nothing.</summary>
internal interface IWorkerJob
{
    void Run();
}

/// <summary>
/// One background thread that runs jobs on request. It spins briefly after a job (the next one
/// follows within microseconds during training), then sleeps, and ends itself after a second
/// without work, so a model that stops training leaves no thread behind; the next job starts a new one.
/// </summary>
internal sealed class WorkerThread
{
    /// <summary>How long an idle thread lives before it ends itself.</summary>
    private const int IdleMilliseconds = 1000;

    /// <summary>How long the thread spins after a job before it sleeps: longer than the gaps between the jobs of a step.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    /// <summary>How long a wait checks in a tight loop before it starts yielding: longer than most of a step's jobs.</summary>
    private static readonly long TightSpinTicks = Stopwatch.Frequency / 20000; // 50 µs

    private readonly object _gate = new();
    private readonly bool _spinTight;
    private bool _running;
    private bool _sleeping;

    // Written by the caller before _posted is raised (under the lock), read by the worker after it
    // has taken the lock and seen _posted raised.
    private int _posted;
    private IWorkerJob? _job;

    // Written by the worker before _completed is raised.
    private int _completed;
    private ExceptionDispatchInfo? _error;
    private long _allocatedBytes;

    /// <summary>A worker, not yet started: the first <see cref="Post"/> starts its thread.</summary>
    /// <param name="spinTight">
    /// Whether waits begin with a tight spin (see <see cref="Backoff"/>): only when the threads that
    /// hand work to each other have a core each.
    /// </param>
    public WorkerThread(bool spinTight) => _spinTight = spinTight;

    /// <summary>The bytes the worker thread had allocated when it finished its last job (for tests).</summary>
    internal long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>Hands the thread a job; whatever the job reads must stay valid until <see cref="Wait"/> returns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Post(IWorkerJob job)
    {
        _job = job;
        lock (_gate)
        {
            _posted++;
            if (!_running)
            {
                try
                {
                    new Thread(Loop) { IsBackground = true, Name = "Gen training worker" }.Start();
                }
                catch
                {
                    // No thread will take the job: take it back, so the next Post starts a thread again.
                    _posted--;
                    throw;
                }

                _running = true;
            }
            else if (_sleeping)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Waits for the posted job and returns what it threw, or null; never throws itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ExceptionDispatchInfo? Wait()
    {
        int ticket = Volatile.Read(ref _posted);
        var backoff = Backoff.Start(_spinTight);
        while (Volatile.Read(ref _completed) != ticket)
        {
            backoff.Once();
        }

        ExceptionDispatchInfo? error = _error;
        _error = null;
        return error;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Loop()
    {
        int done = Volatile.Read(ref _completed);
        while (true)
        {
            // Spin while the next job is likely to come soon, then sleep until it is posted.
            var backoff = Backoff.Start(_spinTight);
            long sleepAt = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _posted) == done && Stopwatch.GetTimestamp() < sleepAt)
            {
                backoff.Once();
            }

            IWorkerJob job;
            lock (_gate)
            {
                while (_posted == done)
                {
                    _sleeping = true;
                    bool woken = Monitor.Wait(_gate, IdleMilliseconds);
                    _sleeping = false;
                    if (!woken && _posted == done)
                    {
                        _running = false;
                        return;
                    }
                }

                job = _job!;
            }

            done++;
            try
            {
                job.Run();
            }
            catch (Exception exception)
            {
                _error = ExceptionDispatchInfo.Capture(exception);
            }

            _allocatedBytes = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref _completed, done);
        }
    }

    /// <summary>
    /// How a thread waits for the other side of a handoff. First a tight loop, one pause per check,
    /// so that the wait ends within a cache-line transfer of the other core's signal: SpinWait's
    /// back-off alone lets its pauses grow and yields to the scheduler, and was measured to add
    /// 1–6 µs to each of a training step's four handoffs. After <see cref="TightSpinTicks"/>, SpinWait's
    /// back-off, which yields the core to other threads now and then but never sleeps: a job takes
    /// microseconds, and a millisecond's sleep would dwarf it.
    /// </summary>
    private struct Backoff
    {
        private long _tightUntil;
        private int _checks;
        private SpinWait _spin;

        public static Backoff Start(bool tight) => new() { _tightUntil = tight ? Stopwatch.GetTimestamp() + TightSpinTicks : 0 };

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Once()
        {
            if (_tightUntil != 0)
            {
                Thread.SpinWait(1);
                // The clock is read every 64 checks: a read costs more than a check.
                if ((++_checks & 63) == 0 && Stopwatch.GetTimestamp() >= _tightUntil)
                {
                    _tightUntil = 0;
                }

                return;
            }

            _spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
