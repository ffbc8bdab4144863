using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gen.Kernels;

/// <summary>
/// Data-parallel training of one mini-batch: the rows are split into one shard per thread, the
/// calling thread computes the first on the model and background workers the others on replicas
/// (same parameters, their own activation and gradient buffers), and the shards' gradients are
/// summed into the model's, each weighted by its share of the rows. The result is the gradient of
/// the whole batch's mean loss, as one thread computes it, up to float rounding. In a training
/// step the sum and the optimizer's update then run one range of the parameters per thread.
/// </summary>
/// <remarks>
/// The split is fixed by the row count alone and the sum runs in shard order, so a run is
/// deterministic whatever the threads' timing. Nothing is allocated per step.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class DataParallelStep
{
    /// <summary>The kernels' row tile: a shard of fewer rows would run their remainder loops only.</summary>
    private const int RowTile = 8;

    /// <summary>Parameter ranges start on a cache line (16 floats) of every buffer, and on a 4-vector step of the update.</summary>
    private const int RangeAlignment = 64;

    private readonly IBatchShard _model;
    private readonly IBatchShard[] _replicas;
    private readonly ShardWorker[] _workers;
    private readonly float[] _shareOfRows;
    private readonly int[] _shardRows;
    private readonly int _inputCount;
    private readonly int _targetCount;

    /// <summary>A step over <paramref name="model"/> and one replica per extra thread.</summary>
    /// <param name="model">The model that trains: its gradients receive the sum.</param>
    /// <param name="replicas">Replicas that read the model's parameters; one worker thread each.</param>
    /// <param name="inputCount">Inputs per row.</param>
    /// <param name="targetsPerRow">Targets per row for a model trained on targets, 0 for class labels.</param>
    public DataParallelStep(IBatchShard model, IBatchShard[] replicas, int inputCount, int targetsPerRow)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(replicas);
        _model = model;
        _replicas = replicas;
        _inputCount = inputCount;
        _targetCount = targetsPerRow;
        _shareOfRows = new float[replicas.Length + 1];
        _shardRows = new int[replicas.Length + 1];
        _workers = new ShardWorker[replicas.Length];
        for (int i = 0; i < replicas.Length; i++)
        {
            _workers[i] = new ShardWorker(replicas[i], this);
        }
    }

    /// <summary>The threads a step uses: the caller's and one per replica.</summary>
    public int Threads => _replicas.Length + 1;

    /// <summary>The fewest rows worth splitting: below one row tile per thread a shard would run its kernels' remainders only.</summary>
    public int MinimumRows => RowTile * Threads;

    /// <summary>What the worker threads had allocated when they finished their last work (for tests).</summary>
    internal long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (ShardWorker worker in _workers)
            {
                total += worker.AllocatedBytes;
            }

            return total;
        }
    }

    /// <summary>
    /// The gradient of the mean loss of <paramref name="rows"/> rows, summed into the model's
    /// gradient buffer; returns that mean loss. The caller has checked the spans' sizes.
    /// </summary>
    public float Run(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, int rows, int step)
    {
        float loss = ComputeShards(inputs, labels, targets, rows, step);
        Combine(0, _model.ShardGradients.Length);
        return loss;
    }

    /// <summary>
    /// Forward and backward of every shard, each into its own gradient buffer (summed by
    /// <see cref="CombineAndUpdate()"/>); returns the mean loss of the <paramref name="rows"/> rows.
    /// </summary>
    public float ComputeShards(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, int rows, int step)
    {
        int shards = Threads;
        int share = (rows + shards - 1) / shards; // only the last shard may have fewer rows
        int perLabel = _targetCount == 0 ? 1 : 0;
        int perTarget = _targetCount;
        fixed (float* inputPointer = inputs)
        fixed (int* labelPointer = labels)
        fixed (float* targetPointer = targets)
        {
            // Shards 1.. go to the workers first, so they run while this thread computes shard 0.
            for (int s = 1; s < shards; s++)
            {
                int first = Math.Min(s * share, rows);
                int count = Math.Min(share, rows - first);
                _shardRows[s] = count;
                _shareOfRows[s] = (float)count / rows;
                _workers[s - 1].Post(
                    inputPointer + ((long)first * _inputCount), count * _inputCount,
                    labelPointer + (first * perLabel), count * perLabel,
                    targetPointer + ((long)first * perTarget), count * perTarget,
                    count, first, step);
            }

            int firstCount = Math.Min(share, rows);
            _shareOfRows[0] = (float)firstCount / rows;
            double total = (double)firstCount * _model.ComputeShard(
                inputs.Slice(0, firstCount * _inputCount), labels.Slice(0, firstCount * perLabel),
                targets.Slice(0, firstCount * perTarget), firstCount, 0, step);

            // The batch's mean loss is the shards' means, weighted by their rows.
            for (int s = 1; s < shards; s++)
            {
                total += (double)_shardRows[s] * _workers[s - 1].Wait();
            }

            return (float)(total / rows);
        }
    }

    /// <summary>
    /// After <see cref="ComputeShards"/> (and the model's step count advanced): sums the shards'
    /// gradients and runs the optimizer's update, each thread over its own range of the parameters.
    /// </summary>
    public void CombineAndUpdate()
    {
        int count = _model.ShardGradients.Length;
        int threads = Threads;
        int range = ((count / threads) + RangeAlignment - 1) / RangeAlignment * RangeAlignment;
        for (int t = 1; t < threads; t++)
        {
            _workers[t - 1].PostUpdate(Math.Min(t * range, count), t == threads - 1 ? count : Math.Min((t + 1) * range, count));
        }

        CombineAndUpdate(0, Math.Min(range, count));
        for (int t = 1; t < threads; t++)
        {
            _workers[t - 1].Wait();
        }
    }

    /// <summary>The sum and the update of one range, on whichever thread runs it.</summary>
    internal void CombineAndUpdate(int from, int to)
    {
        if (from < to)
        {
            Combine(from, to);
            _model.UpdateParameters(from, to);
        }
    }

    /// <summary>g = Σ share_s · g_s over [from, to), into the model's gradient buffer.</summary>
    private void Combine(int from, int to)
    {
        Span<float> sum = _model.ShardGradients.Slice(from, to - from);
        Scale(sum, _shareOfRows[0]);
        for (int s = 1; s < Threads; s++)
        {
            ReadOnlySpan<float> shard = _replicas[s - 1].ShardGradients;
            if (shard.Length < to)
            {
                throw new InvalidOperationException($"A replica's gradient holds {shard.Length} values; the model's holds at least {to}.");
            }

            AddScaled(sum, shard.Slice(from, to - from), _shareOfRows[s]);
        }
    }

    private static void Scale(Span<float> values, float factor)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        var f = new Vector<float>(factor);
        int i = 0;
        for (; i + Vector<float>.Count <= values.Length; i += Vector<float>.Count)
        {
            (Vector.LoadUnsafe(ref v, (nuint)i) * f).StoreUnsafe(ref v, (nuint)i);
        }

        for (; i < values.Length; i++)
        {
            Unsafe.Add(ref v, i) *= factor;
        }
    }

    private static void AddScaled(Span<float> sum, ReadOnlySpan<float> values, float factor)
    {
        ref float s = ref MemoryMarshal.GetReference(sum);
        ref float v = ref MemoryMarshal.GetReference(values);
        var f = new Vector<float>(factor);
        int i = 0;
        for (; i + Vector<float>.Count <= sum.Length; i += Vector<float>.Count)
        {
            Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref v, (nuint)i), f, Vector.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
        }

        for (; i < sum.Length; i++)
        {
            Unsafe.Add(ref s, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref v, i), factor, Unsafe.Add(ref s, i));
        }
    }
}
