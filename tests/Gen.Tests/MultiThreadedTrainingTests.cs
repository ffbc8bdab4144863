using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using Gen.Kernels;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>
/// Training on several threads (<c>TrainingThreads</c>): the first layer's inputs are split across
/// threads, and the gradients, losses and training equal one thread's up to float rounding,
/// deterministically, with dropout, penalties, clipping and batch normalization, allocating nothing.
/// </summary>
public sealed class MultiThreadedTrainingTests
{
    [Theory]
    [InlineData(40, 2)]
    [InlineData(37, 2)]
    [InlineData(40, 3)]
    [InlineData(1, 2)]
    public void A_classifier_with_dropout_gets_the_gradient_of_one_thread(int rows, int threads)
    {
        var inputs = TestData.Uniform(rows * SplitClassifier.InputCount, 1);
        var labels = TestData.Labels(rows, SplitClassifier.OutputCount, 2);
        var serial = new SplitClassifier();
        var split = new SplitClassifier { TrainingThreads = threads };
        Assert.Equal(threads, split.TrainingThreads);

        AssertClose(serial.ComputeGradients(inputs, labels), split.ComputeGradients(inputs, labels), "loss");
        AssertClose(serial.Gradients, split.Gradients);
    }

    [Fact]
    public void A_regressor_that_clips_gets_the_gradient_and_step_of_one_thread()
    {
        var inputs = TestData.Uniform(24 * SplitRegressor.InputCount, 3);
        var targets = TestData.Uniform(24 * SplitRegressor.OutputCount, 4);
        var serial = new SplitRegressor();
        var split = new SplitRegressor { TrainingThreads = 2 };
        for (int step = 0; step < 5; step++)
        {
            AssertClose(serial.TrainStep(inputs, targets), split.TrainStep(inputs, targets), $"loss of step {step}");
        }

        AssertClose(serial.Gradients, split.Gradients);
        AssertClose(serial.Parameters, split.Parameters);
    }

    [Fact]
    public void Batch_normalization_of_the_split_layer_trains_as_on_one_thread()
    {
        var serial = new SplitNormalizedNet();
        var split = new SplitNormalizedNet { TrainingThreads = 2 };
        for (int step = 0; step < 5; step++)
        {
            var inputs = TestData.Uniform(16 * SplitNormalizedNet.InputCount, 10 + step);
            var labels = TestData.Labels(16, SplitNormalizedNet.OutputCount, 20 + step);
            AssertClose(serial.TrainStep(inputs, labels), split.TrainStep(inputs, labels), $"loss of step {step}");
        }

        AssertClose(serial.Parameters, split.Parameters, tolerance: 1e-4f);
        AssertClose(serial.Statistics, split.Statistics, tolerance: 1e-4f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_split_TrainStep_that_updates_inside_the_backward_pass_equals_ComputeGradients_then_ApplyGradients(int threads)
    {
        // Without penalties or clipping, TrainStep updates each block of the first layer's weights
        // as soon as its gradient is computed; ComputeGradients then ApplyGradients does it in two
        // passes. The arithmetic is the same, so the bits are.
        var fused = new MnistNet { TrainingThreads = threads };
        var apart = new MnistNet { TrainingThreads = threads };
        for (int step = 0; step < 4; step++)
        {
            int rows = step == 3 ? 37 : MnistNet.BatchSize;
            var inputs = TestData.Uniform(rows * MnistNet.InputCount, 300 + step, 0, 1);
            var labels = TestData.Labels(rows, MnistNet.OutputCount, 400 + step);
            float loss = fused.TrainStep(inputs, labels);
            Assert.Equal(apart.ComputeGradients(inputs, labels), loss);
            apart.ApplyGradients();
        }

        Assert.Equal(apart.Parameters.ToArray(), fused.Parameters.ToArray());
        Assert.Equal(apart.Gradients.ToArray(), fused.Gradients.ToArray());
        Assert.Equal(apart.StepCount, fused.StepCount);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AdamW_updating_inside_the_split_backward_pass_equals_the_separate_passes_and_follows_one_thread(int threads)
    {
        var fused = new SplitAdamWNet { TrainingThreads = threads };
        var apart = new SplitAdamWNet { TrainingThreads = threads };
        var serial = new SplitAdamWNet();
        Assert.Equal(threads, fused.TrainingThreads);
        for (int step = 0; step < 5; step++)
        {
            var inputs = TestData.Uniform(SplitAdamWNet.BatchSize * SplitAdamWNet.InputCount, 500 + step);
            var labels = TestData.Labels(SplitAdamWNet.BatchSize, SplitAdamWNet.OutputCount, 600 + step);
            float loss = fused.TrainStep(inputs, labels);
            Assert.Equal(apart.ComputeGradients(inputs, labels), loss);
            apart.ApplyGradients();
            AssertClose(serial.TrainStep(inputs, labels), loss, $"loss of step {step}");
        }

        Assert.Equal(apart.Parameters.ToArray(), fused.Parameters.ToArray());
        AssertClose(serial.Parameters, fused.Parameters, tolerance: 1e-4f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Momentum_updating_inside_the_split_backward_pass_equals_the_separate_passes_and_follows_one_thread(int threads)
    {
        var fused = new SplitMomentumNet { TrainingThreads = threads };
        var apart = new SplitMomentumNet { TrainingThreads = threads };
        var serial = new SplitMomentumNet();
        Assert.Equal(threads, fused.TrainingThreads);
        for (int step = 0; step < 5; step++)
        {
            var inputs = TestData.Uniform(SplitMomentumNet.BatchSize * SplitMomentumNet.InputCount, 700 + step);
            var targets = TestData.Uniform(SplitMomentumNet.BatchSize * SplitMomentumNet.OutputCount, 800 + step);
            float loss = fused.TrainStep(inputs, targets);
            Assert.Equal(apart.ComputeGradients(inputs, targets), loss);
            apart.ApplyGradients();
            AssertClose(serial.TrainStep(inputs, targets), loss, $"loss of step {step}");
        }

        Assert.Equal(apart.Parameters.ToArray(), fused.Parameters.ToArray());
        Assert.Equal(apart.Gradients.ToArray(), fused.Gradients.ToArray());
        AssertClose(serial.Parameters, fused.Parameters, tolerance: 1e-4f);
    }

    [Fact]
    public void Training_on_two_threads_follows_one_thread()
    {
        var serial = new MnistNet();
        var split = new MnistNet { TrainingThreads = 2 };
        for (int step = 0; step < 30; step++)
        {
            var inputs = TestData.Uniform(MnistNet.BatchSize * MnistNet.InputCount, 100 + step, 0, 1);
            var labels = TestData.Labels(MnistNet.BatchSize, MnistNet.OutputCount, 200 + step);
            AssertClose(serial.TrainStep(inputs, labels), split.TrainStep(inputs, labels), $"loss of step {step}");
        }

        AssertClose(serial.Parameters, split.Parameters, tolerance: 1e-4f);
        Assert.Equal(serial.StepCount, split.StepCount);
    }

    [Fact]
    public void Training_on_three_threads_follows_one_thread()
    {
        var serial = new SplitClassifier();
        var split = new SplitClassifier { TrainingThreads = 3 };
        for (int step = 0; step < 10; step++)
        {
            var inputs = TestData.Uniform(40 * SplitClassifier.InputCount, 30 + step);
            var labels = TestData.Labels(40, SplitClassifier.OutputCount, 40 + step);
            AssertClose(serial.TrainStep(inputs, labels), split.TrainStep(inputs, labels), $"loss of step {step}");
        }

        AssertClose(serial.Parameters, split.Parameters, tolerance: 1e-4f);
    }

    [Fact]
    public void AdaGrad_trains_on_two_threads_as_on_one()
    {
        var serial = new SplitAdaGradNet();
        var split = new SplitAdaGradNet { TrainingThreads = 2 };
        for (int step = 0; step < 10; step++)
        {
            var inputs = TestData.Uniform(8 * SplitAdaGradNet.InputCount, 50 + step);
            var targets = TestData.Uniform(8 * SplitAdaGradNet.OutputCount, 60 + step);
            AssertClose(serial.TrainStep(inputs, targets), split.TrainStep(inputs, targets), $"loss of step {step}");
        }

        AssertClose(serial.Parameters, split.Parameters, tolerance: 1e-4f);
    }

    [Fact]
    public void A_worker_that_ended_while_idle_is_started_again()
    {
        var inputs = TestData.Uniform(40 * SplitClassifier.InputCount, 70);
        var labels = TestData.Labels(40, SplitClassifier.OutputCount, 71);
        var steady = new SplitClassifier { TrainingThreads = 2 };
        var paused = new SplitClassifier { TrainingThreads = 2 };
        steady.TrainStep(inputs, labels);
        float steadyLoss = steady.TrainStep(inputs, labels);
        paused.TrainStep(inputs, labels);

        System.Threading.Thread.Sleep(1500); // longer than a worker lives without work

        // The split is deterministic, so the restarted worker must give the bits of one that never stopped.
        Assert.Equal(steadyLoss, paused.TrainStep(inputs, labels));
        Assert.Equal(steady.Parameters.ToArray(), paused.Parameters.ToArray());
    }

    [Fact]
    public void What_a_worker_throws_reaches_the_caller_after_every_worker_has_finished()
    {
        // Two threads of 32 inputs: the worker updates [128, 256), this thread [0, 128) and [256, 260).
        var model = new ThrowingRanges(throwAt: 128);
        var split = new InputSplit(model, threads: 2, batchSize: 4, inputCount: 64, units: 4, firstWeight: 0, parameterCount: 260);

        var error = Assert.Throws<InvalidOperationException>(split.Update);
        Assert.Equal("range [128, 256)", error.Message);

        // The split is still usable: the worker took its next job.
        model.ThrowAt = -1;
        split.Update();
        Assert.Equal(5, model.Calls);
    }

    [Fact]
    public void A_first_layer_too_narrow_to_split_trains_exactly_as_one_thread()
    {
        var inputs = TestData.Uniform(4 * TinyRegressor.InputCount, 80);
        var targets = TestData.Uniform(4 * TinyRegressor.OutputCount, 81);
        var serial = new TinyRegressor();
        var model = new TinyRegressor { TrainingThreads = 2 };

        Assert.Equal(serial.TrainStep(inputs, targets), model.TrainStep(inputs, targets));
        Assert.Equal(serial.Parameters.ToArray(), model.Parameters.ToArray());
    }

    [Fact]
    public void Training_on_two_threads_is_deterministic()
    {
        Assert.Equal(Train(), Train());

        static float[] Train()
        {
            var model = new SplitClassifier { TrainingThreads = 2 };
            for (int step = 0; step < 20; step++)
            {
                model.TrainStep(TestData.Uniform(40 * SplitClassifier.InputCount, step), TestData.Labels(40, SplitClassifier.OutputCount, step));
            }

            return model.Parameters.ToArray();
        }
    }

    [Fact]
    public void A_step_on_two_threads_allocates_nothing_on_either_thread()
    {
        var model = new MnistNet { TrainingThreads = 2 };
        var inputs = TestData.Uniform(MnistNet.BatchSize * MnistNet.InputCount, 7, 0, 1);
        var labels = TestData.Labels(MnistNet.BatchSize, MnistNet.OutputCount, 8);
        var ahead = new AlignedBuffer(MnistNet.BatchSize * MnistNet.InputCount);
        SteadyState.WarmUp(() =>
        {
            model.GatherInputsAhead(inputs, [3, 1, 4, 1, 5], ahead.AsMemory());
            model.TrainStep(inputs, labels);
        }); // the JIT's tiers on both threads; the worker thread starts

        // Each thread's own count: the caller's, and the worker's as it reports it after each job
        // (the whole process's count would include the test runner's threads).
        var split = (InputSplit)typeof(MnistNet).GetField("_inputSplit", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(model)!;
        long caller = GC.GetAllocatedBytesForCurrentThread();
        long worker = split.WorkerAllocatedBytes;
        for (int i = 0; i < 50; i++)
        {
            model.GatherInputsAhead(inputs, [3, 1, 4, 1, 5], ahead.AsMemory()); // copied by the worker during the step
            model.TrainStep(inputs, labels);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - caller);
        Assert.Equal(0, split.WorkerAllocatedBytes - worker);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GatherInputs_copies_the_samples_on_any_number_of_threads(int threads)
    {
        var features = TestData.Uniform(50 * SplitClassifier.InputCount, 21);
        int[] samples = [49, 0, 17, 17, 3];
        var batch = new float[SplitClassifier.BatchSize * SplitClassifier.InputCount];
        var model = new SplitClassifier { TrainingThreads = threads };

        model.GatherInputs(features, samples, batch);

        for (int r = 0; r < samples.Length; r++)
        {
            Assert.Equal(
                features.AsSpan(samples[r] * SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray(),
                batch.AsSpan(r * SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray());
        }

        Assert.All(batch.AsSpan(samples.Length * SplitClassifier.InputCount).ToArray(), value => Assert.Equal(0f, value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GatherInputsAhead_fills_the_batch_during_the_next_step_and_trains_as_the_gather_after_it(int threads)
    {
        // As Fit does: each step trains on one buffer while the next batch is gathered into the other;
        // on one thread nothing is gathered ahead, and the batch is gathered just before its step.
        float[] features = TestData.Uniform(300 * SplitClassifier.InputCount, 25);
        var ahead = new SplitClassifier { TrainingThreads = threads };
        var after = new SplitClassifier { TrainingThreads = threads };
        AlignedBuffer[] buffers = [new(SplitClassifier.BatchSize * SplitClassifier.InputCount), new(SplitClassifier.BatchSize * SplitClassifier.InputCount)];
        var plain = new float[SplitClassifier.BatchSize * SplitClassifier.InputCount];
        int[][] batches = Enumerable.Range(0, 6).Select(b => Enumerable.Range(0, b == 5 ? 17 : 40).Select(i => ((b * 41) + (i * 7)) % 300).ToArray()).ToArray();
        bool gathered = false;
        for (int b = 0; b < batches.Length; b++)
        {
            int[] labels = TestData.Labels(batches[b].Length, SplitClassifier.OutputCount, 600 + b);
            int inputs = batches[b].Length * SplitClassifier.InputCount;
            if (!gathered)
            {
                ahead.GatherInputs(features, batches[b], buffers[b % 2]);
            }

            gathered = false;
            if (b + 1 < batches.Length)
            {
                buffers[(b + 1) % 2].AsSpan().Fill(float.NaN); // whatever the gather does not write stays NaN
                gathered = ahead.GatherInputsAhead(features, batches[b + 1], buffers[(b + 1) % 2].AsMemory());
                Assert.Equal(threads > 1, gathered);
            }

            float aheadLoss = ahead.TrainStep(buffers[b % 2].AsSpan(0, inputs), labels);
            after.GatherInputs(features, batches[b], plain);
            Assert.Equal(after.TrainStep(plain.AsSpan(0, inputs), labels), aheadLoss);
            if (b + 1 < batches.Length)
            {
                // Complete when the step returns; on one thread, not touched.
                for (int r = 0; r < batches[b + 1].Length; r++)
                {
                    float[] expected = gathered
                        ? features.AsSpan(batches[b + 1][r] * SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray()
                        : Enumerable.Repeat(float.NaN, SplitClassifier.InputCount).ToArray();
                    Assert.Equal(expected, buffers[(b + 1) % 2].AsSpan(r * SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray());
                }
            }
        }

        Assert.Equal(after.Parameters.ToArray(), ahead.Parameters.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fit_trains_each_step_on_its_own_batch_as_a_loop_that_gathers_before_each_step(int threads)
    {
        // 150 samples: batches of 64, 64 and 22 in each of the 10 epochs. On several threads Fit gathers
        // the second and third of each epoch during the step before, into its other buffer; the loop
        // here gathers each batch just before its step, in Fit's order. The same batches give the same bits.
        const int Samples = 150;
        var data = Dataset.FromArrays(TestData.Uniform(Samples * MnistNet.InputCount, 31, 0, 1), MnistNet.InputCount, TestData.Labels(Samples, MnistNet.OutputCount, 32));
        var fitted = new MnistNet { TrainingThreads = threads };
        var looped = new MnistNet { TrainingThreads = threads };

        fitted.Fit(data);

        var batch = new float[MnistNet.BatchSize * MnistNet.InputCount];
        var labels = new int[MnistNet.BatchSize];
        int[] order = new int[Samples];
        for (int epoch = 1; epoch <= MnistNet.Epochs; epoch++)
        {
            for (int i = 0; i < Samples; i++)
            {
                order[i] = i;
            }

            new Random(Trainer.EpochSeed(MnistNet.Seed, epoch)).Shuffle(order);
            for (int start = 0; start < Samples; start += MnistNet.BatchSize)
            {
                int rows = Math.Min(MnistNet.BatchSize, Samples - start);
                looped.GatherInputs(data.Features, order.AsSpan(start, rows), batch);
                for (int r = 0; r < rows; r++)
                {
                    labels[r] = data.Labels[order[start + r]];
                }

                looped.TrainStep(batch.AsSpan(0, rows * MnistNet.InputCount), labels.AsSpan(0, rows));
            }
        }

        Assert.Equal(looped.StepCount, fitted.StepCount);
        Assert.Equal(looped.Parameters.ToArray(), fitted.Parameters.ToArray());
    }

    [Fact]
    public void The_split_checks_the_indices_of_a_gather_ahead_itself_so_that_the_step_cannot_fail_on_them()
    {
        var split = new InputSplit(new ThrowingRanges(throwAt: -1), threads: 2, batchSize: 4, inputCount: 64, units: 4, firstWeight: 0, parameterCount: 260);
        var features = new float[3 * 64];
        var batch = new float[4 * 64];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => split.GatherAhead(features, [2, -1], batch));

        Assert.Contains("Sample 1 of the batch is index -1, but the features hold 3 samples of 64 inputs", error.Message);
        split.CompleteAhead(); // nothing was asked
        Assert.All(batch, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void A_worker_copies_the_gather_ahead_while_the_calling_thread_is_busy()
    {
        // The calling thread's update waits until the worker has copied every chunk of the gather ahead
        // (12 samples: a chunk of 8 and one of 4), in the middle of the step or after its weight gradient;
        // the batch is complete when the step returns.
        var updates = new ScriptedRanges();
        var split = new InputSplit(updates, threads: 2, batchSize: 16, inputCount: 64, units: 4, firstWeight: 0, parameterCount: 260);
        updates.Before = (from, _) =>
        {
            if (from == 0 && !SpinWait.SpinUntil(() => split.AheadChunksByWorkers == 2, TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException("The worker did not copy the gather ahead.");
            }
        };
        float[] features = TestData.Uniform(20 * 64, 33);
        int[] ahead = [9, 0, 4, 4, 7, 1, 19, 12, 3, 3, 15, 8];
        var batch = new float[16 * 64];
        Array.Fill(batch, float.NaN);

        split.GatherAhead(features, ahead, batch);
        Step(split, rows: 5, seed: 34);

        Assert.Equal(2, split.AheadChunksByWorkers);
        AssertGathered(features, ahead, batch, 64);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_gather_ahead_that_the_workers_are_stopped_in_is_finished_after_the_weight_gradient(int threads)
    {
        // 64 samples of 4,096 features (1 MB): the step's weight gradient starts at once and stops the
        // workers' copying in the middle of the step, most likely part way; the rest is copied after it.
        const int Inputs = 4096;
        var split = new InputSplit(new ScriptedRanges(), threads, batchSize: 64, inputCount: Inputs, units: 4, firstWeight: 0, parameterCount: (Inputs * 4) + 4);
        float[] features = TestData.Uniform(100 * Inputs, 38);
        float[] inputs = TestData.Uniform(2 * Inputs, 39);
        var batch = new float[64 * Inputs];
        for (int attempt = 0; attempt < 5; attempt++)
        {
            int[] ahead = Enumerable.Range(0, 64).Select(i => ((i * 37) + attempt) % 100).ToArray();
            Array.Fill(batch, float.NaN);
            split.GatherAhead(features, ahead, batch);
            split.Forward(inputs, new float[Inputs * 4], new float[4], new float[2 * 4], rows: 2);
            split.WeightGradientAndUpdate(inputs, TestData.Uniform(2 * 4, 40), new float[Inputs * 4], new float[4], rows: 2);
            AssertGathered(features, ahead, batch, Inputs);
        }
    }

    [Fact]
    public void A_step_that_throws_leaves_the_gather_ahead_complete_and_the_next_one_starts_afresh()
    {
        // Both threads' updates throw, so neither copies its share of the gather ahead after the weight
        // gradient; the rest is copied before the step throws, and the next gather ahead claims from its first row.
        var updates = new ScriptedRanges { Before = (from, _) => { if (from is 0 or 128) { throw new InvalidOperationException($"range at {from}"); } } };
        var split = new InputSplit(updates, threads: 2, batchSize: 8, inputCount: 64, units: 4, firstWeight: 0, parameterCount: 260);
        float[] features = TestData.Uniform(10 * 64, 35);
        var batch = new float[8 * 64];
        Array.Fill(batch, float.NaN);

        split.GatherAhead(features, [3, 8, 2, 6, 5], batch);
        Assert.Throws<InvalidOperationException>(() => Step(split, rows: 6, seed: 36));
        AssertGathered(features, [3, 8, 2, 6, 5], batch, 64);

        updates.Before = null;
        Array.Fill(batch, float.NaN);
        split.GatherAhead(features, [1, 2, 3, 4, 5, 6, 7], batch);
        Step(split, rows: 6, seed: 37);
        AssertGathered(features, [1, 2, 3, 4, 5, 6, 7], batch, 64);
    }

    [Fact]
    public void GatherInputsAhead_refuses_a_sample_index_outside_the_features_and_leaves_nothing_asked()
    {
        var model = new SplitClassifier { TrainingThreads = 2 };
        var serial = new SplitClassifier { TrainingThreads = 2 };
        var ahead = new AlignedBuffer(SplitClassifier.BatchSize * SplitClassifier.InputCount);
        float[] features = TestData.Uniform(40 * SplitClassifier.InputCount, 26);
        int[] labels = TestData.Labels(40, SplitClassifier.OutputCount, 27);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.GatherInputsAhead(features, [0, 40], ahead.AsMemory()));
        Assert.Contains("Sample 1 of the batch is index 40, but the features hold 40 samples of 100 inputs (indices 0 to 39)", error.Message);

        Assert.Equal(serial.TrainStep(features, labels), model.TrainStep(features, labels));
        Assert.All(ahead.AsSpan().ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void A_gather_ahead_that_no_step_takes_is_done_by_the_next_gather_or_when_the_threads_change()
    {
        float[] features = TestData.Uniform(50 * SplitClassifier.InputCount, 28);
        var model = new SplitClassifier { TrainingThreads = 2 };
        var first = new AlignedBuffer(SplitClassifier.BatchSize * SplitClassifier.InputCount);
        var second = new AlignedBuffer(SplitClassifier.BatchSize * SplitClassifier.InputCount);
        var batch = new float[SplitClassifier.BatchSize * SplitClassifier.InputCount];

        model.GatherInputsAhead(features, [7, 3], first.AsMemory());
        model.GatherInputs(features, [1], batch);
        Assert.Equal(features.AsSpan(3 * SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray(), first.AsSpan(SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray());

        model.GatherInputsAhead(features, [9], second.AsMemory());
        model.TrainingThreads = 3;
        Assert.Equal(features.AsSpan(9 * SplitClassifier.InputCount, SplitClassifier.InputCount).ToArray(), second.AsSpan(0, SplitClassifier.InputCount).ToArray());
    }

    [Fact]
    public void A_gather_ahead_into_the_next_steps_own_inputs_is_refused_before_the_step_changes_anything()
    {
        float[] features = TestData.Uniform(40 * SplitClassifier.InputCount, 29);
        var model = new SplitClassifier { TrainingThreads = 2 };
        float[] before = model.Parameters.ToArray();
        var batch = new AlignedBuffer(SplitClassifier.BatchSize * SplitClassifier.InputCount);
        model.GatherInputs(features, Enumerable.Range(0, 40).ToArray(), batch);
        model.GatherInputsAhead(features, [5, 6], batch.AsMemory());

        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(batch, TestData.Labels(40, SplitClassifier.OutputCount, 30)));

        Assert.Contains("is this step's inputs", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void GatherInputs_refuses_a_sample_index_outside_the_features()
    {
        var model = new SplitClassifier { TrainingThreads = 2 };
        var batch = new float[SplitClassifier.BatchSize * SplitClassifier.InputCount];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.GatherInputs(new float[3 * SplitClassifier.InputCount], [0, 3], batch));
        Assert.Contains("Sample 1 of the batch is index 3, but the features hold 3 samples of 100 inputs (indices 0 to 2)", error.Message);
        Assert.All(batch, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Back_to_one_thread_trains_as_a_model_that_never_split()
    {
        var inputs = TestData.Uniform(40 * SplitClassifier.InputCount, 11);
        var labels = TestData.Labels(40, SplitClassifier.OutputCount, 12);
        var serial = new SplitClassifier();
        var model = new SplitClassifier { TrainingThreads = 2 };
        model.TrainingThreads = 1;

        Assert.Equal(1, model.TrainingThreads);
        Assert.Equal(serial.TrainStep(inputs, labels), model.TrainStep(inputs, labels));
        Assert.Equal(serial.Parameters.ToArray(), model.Parameters.ToArray());
    }

    [Fact]
    public void A_first_layer_with_few_inputs_uses_one_thread_per_32_inputs()
    {
        Assert.Equal(1, new TinyRegressor { TrainingThreads = 2 }.TrainingThreads);
        Assert.Equal(2, new SplitNormalizedNet { TrainingThreads = 8 }.TrainingThreads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)]
    public void A_thread_count_out_of_range_is_refused(int threads)
    {
        var model = new SplitClassifier();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainingThreads = threads);
        Assert.Contains($"SplitClassifier.TrainingThreads is 1 to 64, but {threads} was given", error.Message);
    }

    /// <summary>One step of a 64 → 4 split (forward, then the weight gradient with its updates) on seeded data.</summary>
    private static void Step(InputSplit split, int rows, int seed)
    {
        float[] inputs = TestData.Uniform(rows * 64, seed);
        float[] weights = TestData.Uniform(64 * 4, seed + 1);
        var output = new float[rows * 4];
        split.Forward(inputs, weights, new float[4], output, rows);
        split.WeightGradientAndUpdate(inputs, TestData.Uniform(rows * 4, seed + 2), new float[64 * 4], new float[4], rows);
    }

    /// <summary>Each of the samples' rows of features is in the batch, in order; the rows after them are untouched (NaN).</summary>
    private static void AssertGathered(float[] features, int[] samples, float[] batch, int width)
    {
        for (int r = 0; r < samples.Length; r++)
        {
            Assert.Equal(features.AsSpan(samples[r] * width, width).ToArray(), batch.AsSpan(r * width, width).ToArray());
        }

        Assert.All(batch.AsSpan(samples.Length * width).ToArray(), value => Assert.True(float.IsNaN(value)));
    }

    /// <summary>Parameter updates that run <see cref="Before"/> (which may wait or throw) for each range, on whichever thread updates it.</summary>
    private sealed class ScriptedRanges : IParameterUpdate
    {
        public Action<int, int>? Before { get; set; }

        public void UpdateParameters(int from, int to) => Before?.Invoke(from, to);
    }

    /// <summary>Parameter updates that throw for the range starting at <see cref="ThrowAt"/>.</summary>
    private sealed class ThrowingRanges(int throwAt) : IParameterUpdate
    {
        public int ThrowAt { get; set; } = throwAt;

        public int Calls { get; private set; }

        public void UpdateParameters(int from, int to)
        {
            if (from == ThrowAt)
            {
                throw new InvalidOperationException($"range [{from}, {to})");
            }

            lock (this)
            {
                Calls++;
            }
        }
    }

    private static void AssertClose(float expected, float actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5f * Math.Max(1f, Math.Abs(expected)), $"{what}: {actual}, expected {expected}");

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1f, Math.Abs(expected[i])),
                $"value {i}: {actual[i]}, expected {expected[i]}");
        }
    }
}
