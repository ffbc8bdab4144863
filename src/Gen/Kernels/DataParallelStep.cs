using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gen.Kernels;

/// <summary>
/// Data-parallel gradients of one mini-batch: the rows are split into one shard per thread, the
/// calling thread computes the first on the model and background workers the others on replicas
/// (same parameters, their own activation and gradient buffers), and the shards' gradients are
/// summed into the model's, each weighted by its share of the rows. The result is the gradient of
/// the whole batch's mean loss, as one thread computes it, up to float rounding.
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

    private readonly IBatchShard _model;
    private readonly IBatchShard[] _replicas;
    private readonly ShardWorker[] _workers;
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
        _workers = new ShardWorker[replicas.Length];
        for (int i = 0; i < replicas.Length; i++)
        {
            _workers[i] = new ShardWorker(replicas[i]);
        }
    }

    /// <summary>What the worker threads had allocated when they finished their last shards (for tests).</summary>
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

    /// <summary>The threads a step uses: the caller's and one per replica.</summary>
    public int Threads => _replicas.Length + 1;

    /// <summary>The fewest rows worth splitting: below one row tile per thread a shard would run its kernels' remainders only.</summary>
    public int MinimumRows => RowTile * Threads;

    /// <summary>
    /// Computes the gradient of the mean loss of <paramref name="rows"/> rows into the model's
    /// gradient buffer and returns that mean loss. The caller has checked the spans' sizes.
    /// </summary>
    public float Run(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, int rows, int step)
    {
        int shards = Threads;
        int share = ShareOf(rows, shards);
        int perLabel = _targetCount == 0 ? 1 : 0;
        int perTarget = _targetCount;
        fixed (float* inputPointer = inputs)
        fixed (int* labelPointer = labels)
        fixed (float* targetPointer = targets)
        {
            // Shards 1.. go to the workers first, so they run while this thread computes shard 0.
            for (int s = 1; s < shards; s++)
            {
                (int first, int count) = Shard(s, share, rows);
                _workers[s - 1].Post(
                    inputPointer + ((long)first * _inputCount), count * _inputCount,
                    labelPointer + (first * perLabel), count * perLabel,
                    targetPointer + ((long)first * perTarget), count * perTarget,
                    count, first, step);
            }

            int firstCount = Math.Min(share, rows);
            float loss = _model.ComputeShard(
                inputs.Slice(0, firstCount * _inputCount), labels.Slice(0, firstCount * perLabel),
                targets.Slice(0, firstCount * perTarget), firstCount, 0, step);

            // The batch's mean loss and gradient are the shards', weighted by their shares of the rows.
            Span<float> gradients = _model.ShardGradients;
            float weight = (float)firstCount / rows;
            double total = (double)loss * firstCount;
            Scale(gradients, weight);
            for (int s = 1; s < shards; s++)
            {
                (_, int count) = Shard(s, share, rows);
                float shardLoss = _workers[s - 1].Wait();
                total += (double)shardLoss * count;
                AddScaled(gradients, _replicas[s - 1].ShardGradients, (float)count / rows);
            }

            return (float)(total / rows);
        }
    }

    /// <summary>Rows per shard: an equal share, rounded up, so only the last shard may have fewer.</summary>
    private static int ShareOf(int rows, int shards) => (rows + shards - 1) / shards;

    private static (int First, int Count) Shard(int index, int share, int rows)
    {
        int first = Math.Min(index * share, rows);
        return (first, Math.Min(share, rows - first));
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
        if (values.Length != sum.Length)
        {
            throw new ArgumentException($"A replica's gradient holds {values.Length} values; the model's holds {sum.Length}.");
        }

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
