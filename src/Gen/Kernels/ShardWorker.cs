using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Gen.Kernels;

/// <summary>
/// One background thread that computes shards of mini-batches, and updates a range of the
/// parameters, on request. It spins briefly
/// between requests (the next step's shard follows within microseconds), then sleeps, and ends
/// itself after a second without work, so a model that stops training leaves no thread behind;
/// the next request starts a new one.
/// </summary>
/// <remarks>
/// The inputs of a request are passed as pointers: the caller pins them and does not return
/// before <see cref="Wait"/> has seen the shard done, so they outlive the worker's use.
/// </remarks>
internal sealed unsafe class ShardWorker
{
    /// <summary>How long an idle thread lives before it ends itself.</summary>
    private const int IdleMilliseconds = 1000;

    /// <summary>Spins after a shard before the thread sleeps: longer than the gap between two steps of a small model.</summary>
    private const int SpinsBeforeSleep = 2000;

    private readonly object _gate = new();
    private readonly IBatchShard _shard;
    private readonly DataParallelStep _owner;
    private bool _running;
    private bool _sleeping;

    // The request: written by the caller before _posted is raised, read by the worker after it sees it.
    private int _posted;
    private float* _inputs;
    private int _inputLength;
    private int* _labels;
    private int _labelLength;
    private float* _targets;
    private int _targetLength;
    private int _rows;
    private int _rowOffset;
    private int _step;
    private bool _update;
    private int _from;
    private int _to;

    // The answer: written by the worker before _completed is raised.
    private int _completed;
    private float _loss;
    private ExceptionDispatchInfo? _error;
    private long _allocatedBytes;

    public ShardWorker(IBatchShard shard, DataParallelStep owner)
    {
        _shard = shard;
        _owner = owner;
    }

    /// <summary>The bytes the worker thread had allocated when it finished its last shard (for tests).</summary>
    internal long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>Hands the worker a shard; the spans must stay pinned until <see cref="Wait"/> returns.</summary>
    public void Post(float* inputs, int inputLength, int* labels, int labelLength, float* targets, int targetLength, int rows, int rowOffset, int step)
    {
        _update = false;
        _inputs = inputs;
        _inputLength = inputLength;
        _labels = labels;
        _labelLength = labelLength;
        _targets = targets;
        _targetLength = targetLength;
        _rows = rows;
        _rowOffset = rowOffset;
        _step = step;
        Signal();
    }

    /// <summary>Hands the worker the sum of the shards' gradients and the optimizer's update over parameters [from, to).</summary>
    public void PostUpdate(int from, int to)
    {
        _update = true;
        _from = from;
        _to = to;
        Signal();
    }

    private void Signal()
    {
        lock (_gate)
        {
            // The lock orders the writes above before the worker's reads of them.
            _posted++;
            if (!_running)
            {
                _running = true;
                var thread = new Thread(Loop) { IsBackground = true, Name = "Gen data-parallel worker" };
                thread.Start();
            }
            else if (_sleeping)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Waits for the posted work and returns a shard's mean loss; rethrows what the work threw.</summary>
    public float Wait()
    {
        int ticket = Volatile.Read(ref _posted);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _completed) != ticket)
        {
            // Never Thread.Sleep(1): the shard takes microseconds, a millisecond's sleep would dwarf it.
            spin.SpinOnce(sleep1Threshold: -1);
        }

        if (_error is { } error)
        {
            _error = null;
            error.Throw();
        }

        return _loss;
    }

    private void Loop()
    {
        int done = Volatile.Read(ref _completed);
        while (true)
        {
            int spins = 0;
            while (Volatile.Read(ref _posted) == done && spins < SpinsBeforeSleep)
            {
                Thread.SpinWait(20);
                spins++;
            }

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
            }

            done++;
            try
            {
                if (_update)
                {
                    _owner.CombineAndUpdate(_from, _to);
                }
                else
                {
                    _loss = _shard.ComputeShard(
                        new ReadOnlySpan<float>(_inputs, _inputLength), new ReadOnlySpan<int>(_labels, _labelLength),
                        new ReadOnlySpan<float>(_targets, _targetLength), _rows, _rowOffset, _step);
                }
            }
            catch (Exception exception)
            {
                _error = ExceptionDispatchInfo.Capture(exception);
            }

            // Read by the allocation tests: what this thread has allocated since it started.
            _allocatedBytes = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref _completed, done);
        }
    }
}
