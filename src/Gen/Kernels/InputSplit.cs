using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Gen.Kernels;

/// <summary>
/// Multi-threaded training of a model's first dense layer, which does nearly all of a small
/// network's arithmetic: its input features are split into one range per thread, and each thread
/// owns the rows of the weight matrix for its range. Each thread computes its part of the forward
/// product X·W (the parts are summed), the rows of the weight gradient Xᵀ·dZ for its range, and the
/// optimizer's update of those rows. A thread's rows of the weights, their gradients and the
/// optimizer's state are touched by no other core (except by the calling thread's passes over all
/// the gradients for L1/L2 penalties or clipping); what crosses between cores per step is the
/// mini-batch and two activation-sized matrices. The rest of the step runs on the calling thread.
/// </summary>
/// <remarks>
/// <para>
/// Splitting the mini-batch instead (data parallelism) needs every thread to read all the weights
/// each step and the gradients to be summed across threads: on two cores that moved about 800 KB
/// between the cores per step of the MNIST model and made the step no faster than on one thread.
/// </para>
/// <para>
/// The weight gradient and the update are exactly those of one thread; the forward product adds
/// the parts' sums in another order, so the result equals one thread's up to float rounding. The
/// split is fixed by the sizes, so runs are deterministic. Nothing is allocated per step.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class InputSplit
{
    /// <summary>The fewest input features a thread takes: fewer would cost more in handing over than they save.</summary>
    public const int MinimumInputsPerThread = 32;

    /// <summary>
    /// The floats of dW that <see cref="WeightGradientAndUpdate"/> computes before updating them:
    /// 16 KB (32 rows of a 128-unit layer), which stay in the L1 cache beside the panel of dZ.
    /// </summary>
    private const int UpdateBlockFloats = 4096;

    /// <summary>
    /// The samples of a gather ahead that a thread claims at a time (<see cref="ShareAhead"/>): for MNIST's
    /// 3 KB rows on two Zen 5 cores, 4, 8 and 16 measured alike, and a worker told to stop finishes its
    /// chunk within a few microseconds.
    /// </summary>
    private const int AheadChunkRows = 8;

    private readonly IParameterUpdate _model;
    private readonly int _inputCount;
    private readonly int _units;
    private readonly int _batchSize;
    private readonly int _firstWeight;
    private readonly int _parameterCount;
    private readonly int[] _bounds;
    private readonly int _updateBlockRows;
    private readonly AlignedBuffer[] _partials;
    private readonly WorkerThread[] _workers;
    private readonly Job[] _jobs;

    // The gather of the mini-batch after the next (GatherAhead): asked for (_aheadCount samples), then
    // started at the end of the next forward product (_aheadRows samples). Its samples are copied whole,
    // a chunk at a time, by whichever thread claims the next chunk: the workers while this thread computes
    // the layers after the split one (they stop when this thread is done with those), then every thread
    // once its part of the weight gradient is done, where it would otherwise wait for the others. Memory,
    // not pointers: the worker threads hold the arrays, which may move meanwhile.
    private readonly int[] _aheadSamples;
    private int _aheadCount;
    private ReadOnlyMemory<float> _aheadFeatures;
    private Memory<float> _aheadBatch;
    private int _aheadPosted;
    private int _aheadRows;

    // Each on a cache line of its own, so that claiming and stopping do not take the line of the fields
    // the workers read meanwhile.
    private PaddedCounter _aheadClaimed;
    private PaddedCounter _aheadStopped;
    private int _aheadChunksByWorkers;

    /// <summary>A split of the first layer of <paramref name="model"/> across up to <paramref name="threads"/> threads.</summary>
    /// <param name="model">The model, whose parameter ranges the threads update.</param>
    /// <param name="threads">Threads wanted; at most one per <see cref="MinimumInputsPerThread"/> inputs are used.</param>
    /// <param name="batchSize">The most rows of a mini-batch.</param>
    /// <param name="inputCount">The first layer's inputs.</param>
    /// <param name="units">The first layer's units.</param>
    /// <param name="firstWeight">Where the first layer's weights start in the parameters.</param>
    /// <param name="parameterCount">All the model's parameters.</param>
    public InputSplit(IParameterUpdate model, int threads, int batchSize, int inputCount, int units, int firstWeight, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (threads < 1 || batchSize < 1 || inputCount < 1 || units < 1 || firstWeight < 0 || firstWeight + ((long)inputCount * units) > parameterCount)
        {
            throw new ArgumentException(
                $"A split of a {inputCount} → {units} layer whose weights start at {firstWeight} of {parameterCount} parameters, for batches of {batchSize} on {threads} threads, does not describe a model.");
        }

        _model = model;
        _batchSize = batchSize;
        _inputCount = inputCount;
        _units = units;
        _firstWeight = firstWeight;
        _parameterCount = parameterCount;
        int parts = Math.Clamp(Math.Min(threads, inputCount / MinimumInputsPerThread), 1, threads);
        _bounds = new int[parts + 1];
        for (int t = 0; t <= parts; t++)
        {
            _bounds[t] = (int)((long)inputCount * t / parts);
        }

        // Whole 4-row tiles of the product, and at least one.
        _updateBlockRows = Math.Max(4, (UpdateBlockFloats / units) & ~3);

        // Waits spin tight only when every thread can have a core of its own; with more threads
        // than cores, a tight spin would keep the thread it waits for off the core.
        bool coreEach = parts <= Environment.ProcessorCount;
        _aheadSamples = new int[batchSize];
        _partials = new AlignedBuffer[parts - 1];
        _workers = new WorkerThread[parts - 1];
        _jobs = new Job[parts - 1];
        for (int w = 0; w < parts - 1; w++)
        {
            _partials[w] = new AlignedBuffer(batchSize * units);
            _workers[w] = new WorkerThread(spinTight: coreEach);
            _jobs[w] = new Job(this, w + 1);
        }
    }

    /// <summary>The threads a step uses: the caller's and one per worker.</summary>
    public int Threads => _bounds.Length - 1;

    /// <summary>What the worker threads had allocated when they finished their last jobs (for tests).</summary>
    internal long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (WorkerThread worker in _workers)
            {
                total += worker.AllocatedBytes;
            }

            return total;
        }
    }

    /// <summary>
    /// Copies the given samples' features into the mini-batch buffer, each thread the features of
    /// its part of the layer, so that they are in its core's cache when its part of the product reads them.
    /// The caller has checked the indices.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Gather(ReadOnlySpan<float> features, ReadOnlySpan<int> samples, Span<float> batch)
    {
        if (samples.Length > _batchSize || batch.Length < (long)samples.Length * _inputCount)
        {
            throw new ArgumentException($"A gather of {samples.Length} samples of {_inputCount} inputs needs at most {_batchSize} samples and a batch of {(long)samples.Length * _inputCount} floats; the batch holds {batch.Length}.");
        }

        CompleteAhead();
        fixed (float* source = features)
        fixed (int* indices = samples)
        fixed (float* destination = batch)
        {
            int posted = 0;
            ExceptionDispatchInfo? failure = null;
            try
            {
                for (int t = 1; t < Threads; t++, posted++)
                {
                    _jobs[t - 1].SetGather(source, features.Length, indices, samples.Length, destination, batch.Length);
                    _workers[t - 1].Post(_jobs[t - 1]);
                }

                DenseKernels.Gather(features, _inputCount, samples, batch, 0, _bounds[1]);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            WaitFor(posted, failure)?.Throw();
        }
    }

    /// <summary>
    /// Z = X·W (+ b when <paramref name="bias"/> is not empty) for <paramref name="rows"/> rows, the
    /// threads' parts of the product summed on the calling thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int rows)
    {
        CheckSizes(inputs, weights, output, rows);
        CheckUnits(bias, "bias");
        StopAhead()?.Throw();
        FinishAhead();
        if (_aheadCount > 0 && _aheadBatch.Span.Overlaps(inputs))
        {
            throw new ArgumentException("The batch buffer that GatherInputsAhead is to fill during this step is this step's inputs, which the step reads until it ends; gather ahead into another buffer.", nameof(inputs));
        }

        Span<float> z = output.Slice(0, rows * _units);
        fixed (float* x = inputs)
        fixed (float* w = weights)
        {
            int posted = 0;
            ExceptionDispatchInfo? failure = null;
            try
            {
                for (int t = 1; t < Threads; t++, posted++)
                {
                    _jobs[t - 1].Set(JobKind.Forward, x, inputs.Length, w, weights.Length, null, 0, rows);
                    _workers[t - 1].Post(_jobs[t - 1]);
                }

                // This thread's part goes straight into the output, on top of the bias.
                if (bias.IsEmpty)
                {
                    z.Clear();
                }
                else
                {
                    DenseKernels.FillRowsWithBias(bias, z, rows, _units);
                }

                MatrixMultiply.Multiply(inputs, _inputCount, 1, weights.Slice(0, _bounds[1] * _units), z, rows, _bounds[1], _units, accumulate: true);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            WaitFor(posted, failure)?.Throw();
        }

        for (int t = 1; t < Threads; t++)
        {
            Add(z, _partials[t - 1].AsSpan(0, rows * _units));
        }

        StartAhead();
    }

    /// <summary>
    /// Asks for the gather of <paramref name="samples"/> into <paramref name="batch"/>, as
    /// <see cref="Gather"/>, during the next training step, where the threads would otherwise wait:
    /// whole samples, <see cref="AheadChunkRows"/> at a time by whichever thread claims them, by the
    /// workers after the forward product while this thread computes the layers after the split one
    /// (they stop when it is done with them), then by every thread that has finished its part of the
    /// weight gradient (this thread also updates the rest of the model, so the workers are usually
    /// first). A gather asked for earlier and not yet started is done now, on this thread. The indices
    /// are checked here; the caller leaves <paramref name="batch"/> alone until the step (or
    /// <see cref="CompleteAhead"/>) returns.
    /// </summary>
    /// <remarks>
    /// In a shuffled epoch of the MNIST model on two Zen 4 cores the gather after each step took
    /// about 19 µs of a two-thread step of 120–170 µs. Done this way, the two-thread epoch was
    /// 7–8 % faster for the 784-128-10 model and 2–7 % for 784-64-10, whose middle is shorter;
    /// with the first worker copying whole rows in the middle instead, 784-64-10 was 2–3 % slower
    /// than with the gather after the step (two runs of an in-process harness alternating the three).
    /// On two Zen 5 cores the calling thread's own columns took 6–9 µs after its part of the weight
    /// gradient while the worker waited for it; shared between the threads, they made the two-thread
    /// epoch 6–10 % faster for both models (in-process, alternating with the unshared copy). Copying
    /// whole samples from one pool instead of each thread its columns (half a sample's 3 KB row is a
    /// shorter stream to prefetch), the workers stopping when the middle of the step ends, made it
    /// 1.06–1.10× faster again for 784-128-10 and 1.03–1.12× for 784-64-10 (four runs each,
    /// alternating the two).
    /// </remarks>
    public void GatherAhead(ReadOnlyMemory<float> features, ReadOnlySpan<int> samples, Memory<float> batch)
    {
        if (samples.Length > _batchSize || batch.Length < (long)samples.Length * _inputCount)
        {
            throw new ArgumentException($"A gather of {samples.Length} samples of {_inputCount} inputs needs at most {_batchSize} samples and a batch of {(long)samples.Length * _inputCount} floats; the batch holds {batch.Length}.");
        }

        // Checked here, so that the copy in the middle of the next step has nothing to fail on.
        ModelGuard.SampleIndices(features.Span, _inputCount, samples);

        CompleteAhead();
        samples.CopyTo(_aheadSamples);
        _aheadCount = samples.Length;
        _aheadFeatures = features;
        _aheadBatch = batch;
    }

    /// <summary>
    /// Finishes the gather that <see cref="GatherAhead"/> asked for: waits for the workers if they
    /// are copying it, or copies it on this thread if no step has started it.
    /// </summary>
    public void CompleteAhead()
    {
        StopAhead()?.Throw();
        FinishAhead();
        if (_aheadCount > 0)
        {
            int count = _aheadCount;
            _aheadCount = 0;
            DenseKernels.Gather(_aheadFeatures.Span, _inputCount, _aheadSamples.AsSpan(0, count), _aheadBatch.Span, 0, _inputCount);
            ReleaseAhead();
        }
    }

    /// <summary>Starts the gather asked for, if any, and hands it to the workers until <see cref="StopAhead"/>.</summary>
    private void StartAhead()
    {
        if (_aheadCount == 0)
        {
            return;
        }

        // Set before the workers are handed it: they start claiming at once.
        _aheadRows = _aheadCount;
        _aheadCount = 0;
        _aheadClaimed.Value = 0;
        _aheadStopped.Value = 0;
        int posted = 0;
        try
        {
            for (int t = 1; t < Threads; t++, posted++)
            {
                _jobs[t - 1].Set(JobKind.GatherAhead, null, 0, null, 0, null, 0, _aheadRows);
                _workers[t - 1].Post(_jobs[t - 1]);
            }
        }
        finally
        {
            // Whatever was handed over is waited for, even if a worker could not be started; what no
            // worker copies is copied after the weight gradient.
            _aheadPosted = posted;
        }
    }

    /// <summary>
    /// Tells the workers copying the gather ahead in the middle of the step to stop after their chunk, if
    /// any are, and waits for them; returns what they threw, or null.
    /// </summary>
    private ExceptionDispatchInfo? StopAhead()
    {
        if (_aheadPosted == 0)
        {
            return null;
        }

        Volatile.Write(ref _aheadStopped.Value, 1);
        ExceptionDispatchInfo? failure = WaitFor(_aheadPosted, null);
        _aheadPosted = 0;
        return failure;
    }

    /// <summary>
    /// Copies what is left of the gather ahead that a step started, if any, on this thread, and lets
    /// go of its arrays; called when no worker is copying it.
    /// </summary>
    private void FinishAhead()
    {
        if (_aheadRows == 0)
        {
            return;
        }

        ShareAhead(stoppable: false);
        _aheadRows = 0;
        _aheadClaimed.Value = 0;
        if (_aheadCount == 0)
        {
            ReleaseAhead();
        }
    }

    /// <summary>
    /// Copies samples of the started gather ahead, <see cref="AheadChunkRows"/> at a time, until none is
    /// left unclaimed or, when <paramref name="stoppable"/>, <see cref="StopAhead"/> has been called; any
    /// thread may call it while the step's owner waits for it.
    /// </summary>
    /// <returns>The chunks this call copied.</returns>
    private int ShareAhead(bool stoppable)
    {
        int rows = _aheadRows;
        if (rows == 0)
        {
            return 0;
        }

        ReadOnlySpan<float> features = _aheadFeatures.Span;
        ReadOnlySpan<int> samples = _aheadSamples.AsSpan(0, rows);
        Span<float> batch = _aheadBatch.Span;
        int chunks = (rows + AheadChunkRows - 1) / AheadChunkRows;
        int copied = 0;
        while (!(stoppable && Volatile.Read(ref _aheadStopped.Value) != 0))
        {
            int chunk = Interlocked.Increment(ref _aheadClaimed.Value) - 1;
            if (chunk >= chunks)
            {
                break;
            }

            int first = chunk * AheadChunkRows;
            DenseKernels.Gather(features, _inputCount, samples, batch, 0, _inputCount, first, Math.Min(AheadChunkRows, rows - first));
            copied++;
        }

        return copied;
    }

    /// <summary>The chunks of gathers ahead that worker threads have copied (for tests).</summary>
    internal int AheadChunksByWorkers => Volatile.Read(ref _aheadChunksByWorkers);

    private void CountWorkerChunks(int chunks)
    {
        if (chunks > 0)
        {
            Interlocked.Add(ref _aheadChunksByWorkers, chunks);
        }
    }

    /// <summary>Lets go of the caller's arrays once their gather is done.</summary>
    private void ReleaseAhead()
    {
        _aheadFeatures = default;
        _aheadBatch = default;
    }

    /// <summary>
    /// dW = Xᵀ·dZ for <paramref name="rows"/> rows, each thread writing the rows of dW for its
    /// inputs, and the bias gradient (the sum of dZ's rows) when <paramref name="biasGradient"/> is
    /// not empty, on the calling thread while the workers compute their rows.
    /// </summary>
    public void WeightGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient, Span<float> weightGradient, Span<float> biasGradient, int rows) =>
        SplitWeightGradient(inputs, outputGradient, weightGradient, biasGradient, rows, update: false);

    /// <summary>
    /// <see cref="WeightGradient"/> and <see cref="Update"/> in one pass, for a training step whose
    /// other gradients are final and whose step is already counted: each thread computes its rows of
    /// dW = Xᵀ·dZ a block at a time and updates each block's parameters at once, while the block's
    /// gradients are still in its L1 cache; then the calling thread, which has summed the bias
    /// gradient meanwhile, updates the rest of the model.
    /// </summary>
    /// <remarks>
    /// The update then reads its gradients from L1 instead of from wherever the whole of dW was
    /// evicted to, and the step has one handoff fewer. On two cores this made the 784-128-10 step
    /// 3–13 % faster (most when the cores' caches were under pressure from elsewhere); the gradients
    /// are still written to <paramref name="weightGradient"/>, so <c>Gradients</c> reads the same after it.
    /// </remarks>
    public void WeightGradientAndUpdate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient, Span<float> weightGradient, Span<float> biasGradient, int rows) =>
        SplitWeightGradient(inputs, outputGradient, weightGradient, biasGradient, rows, update: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SplitWeightGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient, Span<float> weightGradient, Span<float> biasGradient, int rows, bool update)
    {
        CheckSizes(inputs, weightGradient, outputGradient, rows);
        CheckUnits(biasGradient, "bias gradient");
        JobKind kind = update ? JobKind.WeightGradientAndUpdate : JobKind.WeightGradient;
        StopAhead()?.Throw();
        ExceptionDispatchInfo? failure = null;
        fixed (float* x = inputs)
        fixed (float* dw = weightGradient)
        fixed (float* dz = outputGradient)
        {
            int posted = 0;
            try
            {
                for (int t = 1; t < Threads; t++, posted++)
                {
                    _jobs[t - 1].Set(kind, x, inputs.Length, dw, weightGradient.Length, dz, outputGradient.Length, rows);
                    _workers[t - 1].Post(_jobs[t - 1]);
                }

                if (!biasGradient.IsEmpty)
                {
                    DenseKernels.BiasGradient(outputGradient, biasGradient, rows, _units);
                }

                WeightGradientPart(0, inputs, outputGradient, weightGradient, rows, update);
                if (update)
                {
                    _model.UpdateParameters(0, _firstWeight);
                    _model.UpdateParameters(WeightOffset(Threads), _parameterCount);
                }

                ShareAhead(stoppable: false);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            failure = WaitFor(posted, failure);
        }

        // Whatever no thread claimed (nothing, unless a thread failed before its share): the gather ahead
        // is complete even when the step throws.
        FinishAhead();
        failure?.Throw();
    }

    /// <summary>
    /// The optimizer's step over every parameter: each worker updates the first layer's weight rows
    /// of its inputs, the calling thread the rest of the model.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update()
    {
        StopAhead()?.Throw();
        int posted = 0;
        ExceptionDispatchInfo? failure = null;
        try
        {
            for (int t = 1; t < Threads; t++, posted++)
            {
                _jobs[t - 1].Set(JobKind.Update, null, 0, null, 0, null, 0, 0);
                _workers[t - 1].Post(_jobs[t - 1]);
            }

            _model.UpdateParameters(0, WeightOffset(1));
            _model.UpdateParameters(WeightOffset(Threads), _parameterCount);
        }
        catch (Exception exception)
        {
            failure = ExceptionDispatchInfo.Capture(exception);
        }

        WaitFor(posted, failure)?.Throw();
    }

    /// <summary>
    /// Waits for every worker that was handed a job, whatever happened meanwhile (the pinned spans
    /// they read must outlive them), and returns the first failure: this thread's, or a worker's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ExceptionDispatchInfo? WaitFor(int posted, ExceptionDispatchInfo? failure)
    {
        for (int t = 0; t < posted; t++)
        {
            ExceptionDispatchInfo? error = _workers[t].Wait(); // always wait, even after a failure
            failure ??= error;
        }

        return failure;
    }

    private int WeightOffset(int bound) => _firstWeight + (_bounds[bound] * _units);

    /// <summary>
    /// A thread's rows of dW: in one product, or with <paramref name="update"/> a block of about
    /// <see cref="UpdateBlockFloats"/> at a time, each block's parameters updated as soon as it is computed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WeightGradientPart(int part, ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient, Span<float> weightGradient, int rows, bool update)
    {
        int end = _bounds[part + 1];
        int block = update ? _updateBlockRows : end - _bounds[part];
        for (int first = _bounds[part]; first < end; first += block)
        {
            int count = Math.Min(block, end - first);
            MatrixMultiply.Multiply(
                inputs.Slice(first), 1, _inputCount, outputGradient, weightGradient.Slice(first * _units, count * _units),
                count, rows, _units, accumulate: false);
            if (update)
            {
                _model.UpdateParameters(_firstWeight + (first * _units), _firstWeight + ((first + count) * _units));
            }
        }
    }

    private void CheckUnits(ReadOnlySpan<float> perUnit, string what)
    {
        if (!perUnit.IsEmpty && perUnit.Length < _units)
        {
            throw new ArgumentException($"A {_units}-unit layer's {what} needs {_units} floats, but {perUnit.Length} were given.");
        }
    }

    private void CheckSizes(ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> rowsByUnits, int rows)
    {
        if (rows < 1 || rows > _batchSize || inputs.Length < (long)rows * _inputCount || weights.Length < (long)_inputCount * _units || rowsByUnits.Length < (long)rows * _units)
        {
            throw new ArgumentException(
                $"A split {_inputCount} → {_units} layer of {rows} rows (at most {_batchSize}) needs {(long)rows * _inputCount} inputs, {(long)_inputCount * _units} weights and {(long)rows * _units} outputs; it got {inputs.Length}, {weights.Length} and {rowsByUnits.Length}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Add(Span<float> sum, ReadOnlySpan<float> values)
    {
        ref float s = ref MemoryMarshal.GetReference(sum);
        ref float v = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i + Vector<float>.Count <= sum.Length; i += Vector<float>.Count)
        {
            (Vector.LoadUnsafe(ref s, (nuint)i) + Vector.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
        }

        for (; i < sum.Length; i++)
        {
            Unsafe.Add(ref s, i) += Unsafe.Add(ref v, i);
        }
    }

    /// <summary>An int alone in its cache line (64 bytes on either side of it).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedCounter
    {
        [FieldOffset(64)]
        public int Value;
    }

    private enum JobKind
    {
        Gather,
        Forward,
        WeightGradient,
        WeightGradientAndUpdate,
        Update,
        GatherAhead,
    }

    /// <summary>One worker's part of a phase. The pointers are pinned by the caller, which waits for the job.</summary>
    private sealed class Job(InputSplit split, int part) : IWorkerJob
    {
        private JobKind _kind;
        private float* _inputs;
        private int _inputLength;
        private float* _weights;
        private int _weightLength;
        private float* _gradient;
        private int _gradientLength;
        private int _rows;
        private int* _samples;

        public void SetGather(float* features, int featureLength, int* samples, int sampleCount, float* batch, int batchLength)
        {
            Set(JobKind.Gather, features, featureLength, batch, batchLength, null, 0, sampleCount);
            _samples = samples;
        }

        public void Set(JobKind kind, float* inputs, int inputLength, float* weights, int weightLength, float* gradient, int gradientLength, int rows)
        {
            _kind = kind;
            _inputs = inputs;
            _inputLength = inputLength;
            _weights = weights;
            _weightLength = weightLength;
            _gradient = gradient;
            _gradientLength = gradientLength;
            _rows = rows;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run()
        {
            int first = split._bounds[part];
            int count = split._bounds[part + 1] - first;
            int units = split._units;
            var inputs = new ReadOnlySpan<float>(_inputs, _inputLength);
            switch (_kind)
            {
                case JobKind.Gather:
                    DenseKernels.Gather(inputs, split._inputCount, new ReadOnlySpan<int>(_samples, _rows), new Span<float>(_weights, _weightLength), first, first + count);
                    break;
                case JobKind.Forward:
                    MatrixMultiply.Multiply(
                        inputs.Slice(first), split._inputCount, 1, new ReadOnlySpan<float>(_weights, _weightLength).Slice(first * units, count * units),
                        split._partials[part - 1], _rows, count, units, accumulate: false);
                    break;
                case JobKind.WeightGradient:
                case JobKind.WeightGradientAndUpdate:
                    split.WeightGradientPart(
                        part, inputs, new ReadOnlySpan<float>(_gradient, _gradientLength), new Span<float>(_weights, _weightLength), _rows,
                        update: _kind == JobKind.WeightGradientAndUpdate);
                    split.CountWorkerChunks(split.ShareAhead(stoppable: false));
                    break;
                case JobKind.GatherAhead:
                    split.CountWorkerChunks(split.ShareAhead(stoppable: true));
                    break;
                default:
                    split._model.UpdateParameters(split.WeightOffset(part), split.WeightOffset(part + 1));
                    break;
            }
        }
    }
}
