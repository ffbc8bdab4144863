using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;
using Gen.Kernels;

namespace Gen;

/// <summary>
/// The shape-independent part of training, written once for every model: epochs, shuffling,
/// mini-batching (the last partial batch is trained, not dropped), validation and progress. The
/// generated model does the numeric work of each step.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> for its declared epochs, following its
    /// <see cref="ITrainableModel{TSelf}.Plan"/>: the learning-rate schedule and warmup, plateau
    /// reduction, early stopping and the validation split.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The rate the model has when <c>Fit</c> starts (its declared rate, unless changed) is the
    /// schedule's initial rate. Each epoch trains at the schedule's value, times the warmup factor,
    /// times the plateau reductions so far; a per-step warmup sets the rate before every step. When
    /// <c>Fit</c> returns or throws, the model's <see cref="ITrainableModel{TSelf}.LearningRate"/> is
    /// the one it started with again, so a second <c>Fit</c> runs the same plan.
    /// </para>
    /// <para>
    /// Each epoch's order is a shuffle seeded from the model's <c>Seed</c> and the epoch number alone,
    /// so a run resumed from a checkpoint (<paramref name="resumeFrom"/>) sees the same batches as
    /// one that was never interrupted, and ends with the same weights, bit for bit.
    /// </para>
    /// <para>
    /// A step whose loss is NaN or infinite, or an epoch that leaves a weight that is not finite,
    /// ends training with a <see cref="TrainingDivergedException"/>, and the model gets back the
    /// weights it had at the start of that epoch. That snapshot is one copy of the parameters per
    /// epoch; a copy before every step would double the memory traffic of a step of a larger model,
    /// and a training step allocates nothing either way. The optimizer's own state (moments,
    /// step count) is not part of the snapshot.
    /// </para>
    /// </remarks>
    /// <param name="model">The model to train.</param>
    /// <param name="train">The training set.</param>
    /// <param name="validation">
    /// An optional validation set, evaluated after each epoch. When it is null and the plan's
    /// <see cref="TrainingPlan.ValidationFraction"/> is above 0, that share of
    /// <paramref name="train"/> is held out (shuffled with the model's seed) and the rest is trained.
    /// </param>
    /// <param name="progress">Receives an <see cref="EpochReport"/> per epoch, and <see cref="BatchProgress"/> if it also implements that.</param>
    /// <param name="cancellationToken">Stops training between two mini-batches.</param>
    /// <param name="checkpoints">
    /// Where and when to write checkpoints (see <see cref="CheckpointOptions"/>); null writes none.
    /// A checkpoint is written at the end of an epoch, after its <see cref="EpochReport"/> has been reported.
    /// </param>
    /// <param name="resumeFrom">
    /// A checkpoint written by an earlier <c>Fit</c> of this model with the same data and plan: the
    /// model gets its weights, statistics, optimizer state and step count, and training continues
    /// with the next epoch exactly as the interrupted run would have (the returned history holds the
    /// earlier epochs too). The whole file is checked before the model is touched.
    /// </param>
    /// <param name="checkFinite">
    /// Check every feature and target for NaN and infinity before training (the default): a single
    /// bad value would otherwise surface later as a diverged loss. Skip it only for data already checked.
    /// </param>
    /// <exception cref="ArgumentException">A data set does not fit the model, or holds a value that is not finite.</exception>
    /// <exception cref="System.IO.InvalidDataException">
    /// <paramref name="resumeFrom"/> is not a valid checkpoint of this model, or was written with
    /// another training plan or another number of training or validation samples; the model is unchanged.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The plan is invalid, or it needs validation data (early stopping, plateau reduction) and
    /// there is none, or early stopping monitors the accuracy of a regression model.
    /// </exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Fit<TModel>(
        TModel model, Dataset train, Dataset? validation = null, IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default, CheckpointOptions? checkpoints = null, string? resumeFrom = null,
        bool checkFinite = true)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        string name = typeof(TModel).Name;
        TrainingPlan plan = TModel.Plan ?? TrainingPlan.Default;
        LearningRateController.Check(plan, name);
        float declared = model.LearningRate;
        if (!float.IsFinite(declared) || declared < 0)
        {
            throw new InvalidOperationException($"{name}'s learning rate is {declared}; it must be finite and 0 or more.");
        }

        CheckCompatible<TModel>(train, nameof(train));
        if (train.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(train));
        }

        if (checkFinite)
        {
            CheckFinite(train, nameof(train));
        }
        if (validation is not null)
        {
            CheckCompatible<TModel>(validation, nameof(validation));
            if (validation.Count == 0)
            {
                throw new ArgumentException("The validation set is empty; pass null for none.", nameof(validation));
            }

            if (checkFinite)
            {
                CheckFinite(validation, nameof(validation));
            }
        }
        else if (plan.ValidationFraction > 0)
        {
            (train, validation) = HoldOut<TModel>(train, plan.ValidationFraction);
        }

        if (validation is null && (plan.EarlyStopping is not null || plan.ReduceOnPlateau is not null))
        {
            string what = plan.EarlyStopping is not null ? "early stopping" : "ReduceOnPlateau";
            throw new InvalidOperationException(
                $"{name} declares {what}, which watches the validation set after each epoch, but Fit got no validation set and the plan holds none out. " +
                "Pass one (model.Fit(train, validation)) or declare [Training(ValidationFraction = 0.1f)].");
        }

        if (plan.EarlyStopping is { Monitor: Metric.ValidationAccuracy } && TModel.Loss is not (LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy))
        {
            throw new InvalidOperationException(
                $"{name}'s early stopping monitors the validation accuracy, but {name} is a regression model ({TModel.Loss}) and has no accuracy; monitor Metric.ValidationLoss.");
        }

        TrainerState? resume = null;
        if (resumeFrom is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(resumeFrom);
            resume = Checkpoint.Read<TModel>(resumeFrom, model.Parameters.Length, model.Statistics.Length);
            CheckResumable<TModel>(resume, resumeFrom, plan, train.Count, validation?.Count ?? 0);
            declared = resume.LearningRate;
        }

        checkpoints?.Prepare();
        try
        {
            return Run(model, train, validation, plan, declared, progress, cancellationToken, checkpoints, resume);
        }
        finally
        {
            model.LearningRate = declared;
        }
    }

    /// <summary>Refuses a checkpoint written under another plan or with other data, before the model is touched.</summary>
    private static void CheckResumable<TModel>(TrainerState state, string path, TrainingPlan plan, int samples, int validationSamples)
        where TModel : ITrainableModel<TModel>
    {
        string name = typeof(TModel).Name;
        if (state.Samples != samples || state.ValidationSamples != validationSamples)
        {
            throw new System.IO.InvalidDataException(
                $"'{path}' was written training {name} on {state.Samples} samples validated on {state.ValidationSamples}, but this Fit has {samples} and {validationSamples}; resume with the same data.");
        }

        if ((plan.EarlyStopping is not null) != state.Stopper.HasValue)
        {
            throw new System.IO.InvalidDataException(
                $"'{path}' was written {(state.Stopper.HasValue ? "with" : "without")} early stopping, but {name}'s plan has {(plan.EarlyStopping is not null ? "it" : "none")}.");
        }

        bool restoreBest = plan.EarlyStopping?.RestoreBestWeights == true;
        if (restoreBest != (state.BestParameters is not null))
        {
            throw new System.IO.InvalidDataException(
                $"'{path}' {(restoreBest ? "holds no best weights, but" : "holds best weights, but")} {name}'s early stopping {(restoreBest ? "restores" : "does not restore")} the best weights.");
        }
    }

    /// <summary>
    /// The seed of epoch <paramref name="epoch"/>'s shuffle, from the model's seed and the epoch
    /// alone (SplitMix64's finalizer), so that a resumed run shuffles as the uninterrupted one.
    /// </summary>
    internal static int EpochSeed(int seed, int epoch)
    {
        ulong z = unchecked((((ulong)(uint)seed << 32) | (uint)epoch) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    private static TrainingHistory Run<TModel>(
        TModel model, Dataset train, Dataset? validation, TrainingPlan plan, float declared,
        IProgress<EpochReport>? progress, CancellationToken cancellationToken,
        CheckpointOptions? checkpoints, TrainerState? resume)
        where TModel : ITrainableModel<TModel>
    {
        int batchSize = TModel.BatchSize;
        int inputs = TModel.InputCount;
        bool labelled = TModel.Loss == LossKind.SoftmaxCrossEntropy;
        int targetsPerSample = labelled ? 1 : TModel.OutputCount;
        // Aligned like the model's own buffers: the gather writes whole vectors into each row. Two: on
        // several threads each step trains on one while the model's threads gather the next into the other.
        AlignedBuffer[] batchInputs = [new(batchSize * inputs), new(batchSize * inputs)];
        int current = 0;
        bool gatheredAhead = false;
        var batchLabels = labelled ? new int[batchSize] : Array.Empty<int>();
        var batchTargets = labelled ? Array.Empty<float>() : new float[batchSize * targetsPerSample];
        var order = new int[train.Count];

        var rates = new LearningRateController(plan, declared);
        EarlyStopper? stopper = plan.EarlyStopping is { } stopping ? new EarlyStopper(stopping) : null;
        bool restoreBest = plan.EarlyStopping?.RestoreBestWeights == true;

        // The weights at the start of the epoch (the divergence guard's last good weights) and,
        // with RestoreBestWeights, those at the end of the best epoch.
        var lastGood = new Snapshot<TModel>(model);
        Snapshot<TModel>? best = restoreBest ? new Snapshot<TModel>(model) : null;

        var history = new TrainingHistory();
        var batches = progress as IProgress<BatchProgress>;
        int batchesPerEpoch = (train.Count + batchSize - 1) / batchSize;
        bool stepWarmup = plan.WarmupSteps > 0;
        long step = 0;
        int firstEpoch = 1;

        // KeepBest's best so far: the monitored value (lower is better) and its epoch, 0 before any.
        (double Value, int Epoch) bestCheckpoint = (double.NaN, 0);
        if (resume is not null)
        {
            Checkpoint.Apply(model, resume);
            rates.State = resume.Plateau;
            if (stopper is not null)
            {
                stopper.State = resume.Stopper!.Value;
            }

            best?.Load(resume.BestParameters!, resume.BestStatistics!);
            foreach (EpochReport report in resume.History)
            {
                history.Add(report);
            }

            step = resume.Step;
            bestCheckpoint = resume.BestCheckpoint;
            history.StoppedEarly = resume.Stopped;
            firstEpoch = resume.Stopped ? TModel.Epochs + 1 : resume.Epoch + 1;
        }

        for (int epoch = firstEpoch; epoch <= TModel.Epochs; epoch++)
        {
            // Each epoch's order depends on the seed and the epoch alone, so a resumed run needs no RNG state.
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            new Random(EpochSeed(TModel.Seed, epoch)).Shuffle(order);
            lastGood.Capture(model);
            double epochRate = rates.EpochRate(epoch - 1);
            float learningRate = (float)epochRate;
            model.LearningRate = learningRate;
            double lossSum = 0;
            float loss = 0;
            int batch = 0;
            long started = Stopwatch.GetTimestamp();
            for (int start = 0; start < train.Count; start += batchSize, batch++, step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stepWarmup)
                {
                    learningRate = (float)rates.StepRate(epochRate, step);
                    model.LearningRate = learningRate;
                }

                int rows = Math.Min(batchSize, train.Count - start);
                ReadOnlySpan<int> indices = order.AsSpan(start, rows);
                if (!gatheredAhead)
                {
                    model.GatherInputs(train.Features, indices, batchInputs[current]);
                }

                // On several threads every later batch of the epoch is gathered during the step before it.
                int next = start + rows;
                AlignedBuffer batchInputsNow = batchInputs[current];
                gatheredAhead = next < train.Count && model.GatherInputsAhead(train.FeatureMemory, order.AsSpan(next, Math.Min(batchSize, train.Count - next)), batchInputs[1 - current].AsMemory());
                if (gatheredAhead)
                {
                    current = 1 - current;
                }

                if (labelled)
                {
                    ReadOnlySpan<int> labels = train.Labels;
                    for (int r = 0; r < rows; r++)
                    {
                        batchLabels[r] = labels[indices[r]];
                    }

                    loss = model.TrainStep(batchInputsNow.AsSpan(0, rows * inputs), batchLabels.AsSpan(0, rows));
                }
                else
                {
                    Kernels.DenseKernels.Gather(train.Targets, targetsPerSample, indices, batchTargets, 0, targetsPerSample);
                    loss = model.TrainStep(batchInputsNow.AsSpan(0, rows * inputs), batchTargets.AsSpan(0, rows * targetsPerSample));
                }

                if (!float.IsFinite(loss))
                {
                    lastGood.Restore(model);
                    throw new TrainingDivergedException(epoch, batch + 1, loss, learningRate) { History = history };
                }

                lossSum += (double)loss * rows;
                batches?.Report(new BatchProgress(epoch, TModel.Epochs, batch + 1, batchesPerEpoch, loss));
            }

            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!AllFinite(model.Parameters) || !AllFinite(model.Statistics))
            {
                // The last step's loss was finite, but its update was not.
                lastGood.Restore(model);
                throw new TrainingDivergedException(epoch, batch, loss, learningRate) { History = history };
            }

            Evaluation? validated = validation is null ? null : Evaluate(model, validation);
            double trainLoss = train.Count == 0 ? 0 : lossSum / train.Count;
            var report = new EpochReport
            {
                Epoch = epoch,
                Epochs = TModel.Epochs,
                TrainLoss = trainLoss,
                ValidationLoss = validated?.Loss,
                ValidationAccuracy = validated?.Accuracy,
                LearningRate = learningRate,
                Seconds = seconds,
                Samples = train.Count,
                Overfitting = IsOverfitting(history, trainLoss, validated?.Loss),
            };
            history.Add(report);
            progress?.Report(report);

            if (validated is { } v)
            {
                rates.ObserveValidationLoss(v.Loss, learningRate);
            }

            if (stopper is not null && validated is { } watched)
            {
                double value = plan.EarlyStopping!.Monitor == Metric.ValidationAccuracy ? watched.Accuracy ?? double.NaN : watched.Loss;
                (bool improved, bool stop) = stopper.Observe(epoch, value);
                if (improved)
                {
                    best?.Capture(model);
                }

                if (stop && epoch < TModel.Epochs)
                {
                    history.StoppedEarly = true;
                }
            }

            if (checkpoints is not null)
            {
                bool writeBest = false;
                if (checkpoints.KeepBest)
                {
                    // Lower is better: the accuracy is negated.
                    double value = plan.EarlyStopping?.Monitor == Metric.ValidationAccuracy
                        ? -(validated?.Accuracy ?? double.NaN)
                        : validated?.Loss ?? trainLoss;
                    if (bestCheckpoint.Epoch == 0 ? !double.IsNaN(value) : value < bestCheckpoint.Value)
                    {
                        bestCheckpoint = (value, epoch);
                        writeBest = true;
                    }
                }

                bool writeEpoch = checkpoints.EveryEpochs > 0 && epoch % checkpoints.EveryEpochs == 0;
                if (writeBest || writeEpoch)
                {
                    var state = new TrainerState
                    {
                        Epoch = epoch,
                        Step = step,
                        LearningRate = declared,
                        Samples = train.Count,
                        ValidationSamples = validation?.Count ?? 0,
                        Stopped = history.StoppedEarly,
                        Plateau = rates.State,
                        Stopper = stopper?.State,
                        BestCheckpoint = bestCheckpoint,
                        History = history.Epochs,
                        BestParameters = best?.Parameters,
                        BestStatistics = best?.Statistics,
                    };
                    if (writeEpoch)
                    {
                        Checkpoint.Write(checkpoints.EpochFile(epoch), model, state);
                    }

                    if (writeBest)
                    {
                        Checkpoint.Write(checkpoints.BestFile, model, state);
                    }
                }
            }

            if (history.StoppedEarly)
            {
                break;
            }
        }

        if (stopper is not null)
        {
            history.BestEpoch = stopper.BestEpoch > 0 ? stopper.BestEpoch : null;
            if (best is not null && stopper.BestEpoch > 0)
            {
                best.Restore(model);
                history.RestoredBestWeights = true;
            }
        }
        else if (validation is not null)
        {
            history.BestEpoch = LowestValidationLoss(history);
        }

        return history;
    }

    /// <summary>
    /// Whether the validation loss has risen for two epochs in a row (this one and the one before)
    /// while the training loss fell in both.
    /// </summary>
    private static bool IsOverfitting(TrainingHistory history, double trainLoss, double? validationLoss)
    {
        if (validationLoss is not double validation || history.Epochs.Count < 2)
        {
            return false;
        }

        EpochReport previous = history.Epochs[^1];
        EpochReport before = history.Epochs[^2];
        return previous.ValidationLoss is double p && before.ValidationLoss is double b
            && validation > p && p > b
            && trainLoss < previous.TrainLoss && previous.TrainLoss < before.TrainLoss;
    }

    /// <summary>Holds out <paramref name="fraction"/> of <paramref name="train"/> for validation, shuffled with the model's seed.</summary>
    private static (Dataset Train, Dataset Validation) HoldOut<TModel>(Dataset train, double fraction)
        where TModel : ITrainableModel<TModel>
    {
        string name = typeof(TModel).Name;
        if (train.Count < 2)
        {
            throw new ArgumentException($"{name} holds out {fraction:P0} of the training set for validation, but the training set has {train.Count} sample(s); it needs at least 2, or pass a validation set.", nameof(train));
        }

        (Dataset kept, Dataset heldOut) = train.Split(1 - fraction, TModel.Seed);
        if (kept.Count == 0 || heldOut.Count == 0)
        {
            throw new ArgumentException($"Holding out {fraction:P1} of {train.Count} training samples for {name} leaves {kept.Count} to train and {heldOut.Count} to validate; both need at least one. Pass a validation set or change ValidationFraction.", nameof(train));
        }

        return (kept, heldOut);
    }

    /// <summary>The first epoch with the lowest validation loss (NaN never counts), or null.</summary>
    private static int? LowestValidationLoss(TrainingHistory history)
    {
        int? best = null;
        double lowest = double.PositiveInfinity;
        foreach (EpochReport report in history.Epochs)
        {
            if (report.ValidationLoss is double loss && (best is null ? !double.IsNaN(loss) : loss < lowest))
            {
                lowest = loss;
                best = report.Epoch;
            }
        }

        return best;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>NaN or infinite inputs or targets would look like divergence; they are named before training instead.</summary>
    private static void CheckFinite(Dataset data, string parameter)
    {
        ReadOnlySpan<float> features = data.Features;
        for (int i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException($"Sample {i / data.FeatureCount}, feature {i % data.FeatureCount} is {features[i]}; every feature must be finite.", parameter);
            }
        }

        if (!data.HasLabels)
        {
            ReadOnlySpan<float> targets = data.Targets;
            for (int i = 0; i < targets.Length; i++)
            {
                if (!float.IsFinite(targets[i]))
                {
                    throw new ArgumentException($"Sample {i / data.TargetCount}, target {i % data.TargetCount} is {targets[i]}; every target must be finite.", parameter);
                }
            }
        }
    }

    /// <summary>The model's mean loss and, for classifiers, its accuracy on <paramref name="data"/>.</summary>
    public static Evaluation Evaluate<TModel>(TModel model, Dataset data)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckCompatible<TModel>(data, nameof(data));
        int batchSize = TModel.BatchSize;
        int inputs = TModel.InputCount;
        int outputs = TModel.OutputCount;
        var predictions = new float[batchSize * outputs];
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int rows = Math.Min(batchSize, data.Count - start);
            ReadOnlySpan<float> x = data.Features.Slice(start * inputs, rows * inputs);
            Span<float> y = predictions.AsSpan(0, rows * outputs);
            switch (TModel.Loss)
            {
                case LossKind.SoftmaxCrossEntropy:
                    ReadOnlySpan<int> labels = data.Labels.Slice(start, rows);
                    lossSum += (double)model.ComputeLoss(x, labels, y) * rows;
                    for (int r = 0; r < rows; r++)
                    {
                        correct += TensorPrimitives.IndexOfMax(y.Slice(r * outputs, outputs)) == labels[r] ? 1 : 0;
                    }

                    break;
                case LossKind.BinaryCrossEntropy:
                    ReadOnlySpan<float> binary = data.Targets.Slice(start * outputs, rows * outputs);
                    lossSum += (double)model.ComputeLoss(x, binary, y) * rows;
                    for (int i = 0; i < y.Length; i++)
                    {
                        correct += (y[i] >= 0.5f) == (binary[i] >= 0.5f) ? 1 : 0;
                    }

                    break;
                default:
                    ReadOnlySpan<float> targets = data.Targets.Slice(start * outputs, rows * outputs);
                    lossSum += (double)model.ComputeLoss(x, targets, y) * rows;
                    break;
            }
        }

        double? accuracy = TModel.Loss switch
        {
            LossKind.SoftmaxCrossEntropy => data.Count == 0 ? 0 : (double)correct / data.Count,
            LossKind.BinaryCrossEntropy => data.Count == 0 ? 0 : (double)correct / ((long)data.Count * outputs),
            _ => null,
        };
        return new Evaluation(data.Count == 0 ? 0 : lossSum / data.Count, accuracy, data.Count);
    }

    /// <summary>Checks that a data set has the shape the model was declared with, before any work.</summary>
    internal static void CheckCompatible<TModel>(Dataset data, string parameter)
        where TModel : ITrainableModel<TModel>
    {
        string model = typeof(TModel).Name;
        if (data.FeatureCount != TModel.InputCount)
        {
            throw new ArgumentException($"The data set has {data.FeatureCount} features per sample, but {model} takes {TModel.InputCount} inputs.", parameter);
        }

        if (TModel.Loss == LossKind.SoftmaxCrossEntropy)
        {
            if (!data.HasLabels)
            {
                throw new ArgumentException($"{model} is trained with softmax cross-entropy, which needs class labels, but the data set holds float targets.", parameter);
            }

            ReadOnlySpan<int> labels = data.Labels;
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)TModel.OutputCount)
                {
                    throw new ArgumentOutOfRangeException(parameter, labels[i], $"Sample {i} has label {labels[i]}, but {model} has {TModel.OutputCount} classes (labels 0 to {TModel.OutputCount - 1}).");
                }
            }
        }
        else if (data.HasLabels)
        {
            throw new ArgumentException($"{model} is trained with {TModel.Loss}, which needs {TModel.OutputCount} float target(s) per sample, but the data set holds class labels.", parameter);
        }
        else if (data.TargetCount != TModel.OutputCount)
        {
            throw new ArgumentException($"The data set has {data.TargetCount} targets per sample, but {model} has {TModel.OutputCount} outputs.", parameter);
        }
    }

    /// <summary>A copy of a model's parameters and its batch-normalization statistics, taken and put back without allocating.</summary>
    private sealed class Snapshot<TModel>(TModel model)
        where TModel : ITrainableModel<TModel>
    {
        private readonly float[] _parameters = new float[model.Parameters.Length];
        private readonly float[] _statistics = new float[model.Statistics.Length];

        public void Capture(TModel source)
        {
            source.Parameters.CopyTo(_parameters);
            source.Statistics.CopyTo(_statistics);
        }

        public void Restore(TModel target)
        {
            _parameters.CopyTo(target.Parameters);
            _statistics.CopyTo(target.Statistics);
        }

        /// <summary>The captured parameters, for checkpoints.</summary>
        public float[] Parameters => _parameters;

        /// <summary>The captured statistics, for checkpoints.</summary>
        public float[] Statistics => _statistics;

        /// <summary>Sets the snapshot to values read from a checkpoint (of the model's sizes).</summary>
        public void Load(float[] parameters, float[] statistics)
        {
            parameters.CopyTo(_parameters, 0);
            statistics.CopyTo(_statistics, 0);
        }
    }
}
