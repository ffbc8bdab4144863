using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;

namespace Gen;

/// <summary>
/// The shape-independent part of training, written once for every model: epochs, shuffling,
/// mini-batching (the last partial batch is trained, not dropped), validation and progress. The
/// generated model does the numeric work of each step.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> for its declared epochs.</summary>
    /// <param name="model">The model to train.</param>
    /// <param name="train">The training set.</param>
    /// <param name="validation">An optional validation set, evaluated after each epoch.</param>
    /// <param name="progress">Receives an <see cref="EpochReport"/> per epoch, and <see cref="BatchProgress"/> if it also implements that.</param>
    /// <param name="cancellationToken">Stops training between two mini-batches.</param>
    public static TrainingHistory Fit<TModel>(
        TModel model, Dataset train, Dataset? validation = null, IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        CheckCompatible<TModel>(train, nameof(train));
        if (validation is not null)
        {
            CheckCompatible<TModel>(validation, nameof(validation));
        }

        int batchSize = TModel.BatchSize;
        int inputs = TModel.InputCount;
        bool labelled = TModel.Loss == LossKind.SoftmaxCrossEntropy;
        int targetsPerSample = labelled ? 1 : TModel.OutputCount;
        var batchInputs = new float[batchSize * inputs];
        var batchLabels = labelled ? new int[batchSize] : Array.Empty<int>();
        var batchTargets = labelled ? Array.Empty<float>() : new float[batchSize * targetsPerSample];
        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var shuffler = new Random(TModel.Seed);
        var history = new TrainingHistory();
        var batches = progress as IProgress<BatchProgress>;
        int batchesPerEpoch = (train.Count + batchSize - 1) / batchSize;
        for (int epoch = 1; epoch <= TModel.Epochs; epoch++)
        {
            shuffler.Shuffle(order);
            float learningRate = model.LearningRate;
            double lossSum = 0;
            long started = Stopwatch.GetTimestamp();
            for (int start = 0, batch = 0; start < train.Count; start += batchSize, batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(batchSize, train.Count - start);
                ReadOnlySpan<int> indices = order.AsSpan(start, rows);
                Gather(train.Features, inputs, indices, batchInputs);
                float loss;
                if (labelled)
                {
                    ReadOnlySpan<int> labels = train.Labels;
                    for (int r = 0; r < rows; r++)
                    {
                        batchLabels[r] = labels[indices[r]];
                    }

                    loss = model.TrainStep(batchInputs.AsSpan(0, rows * inputs), batchLabels.AsSpan(0, rows));
                }
                else
                {
                    Gather(train.Targets, targetsPerSample, indices, batchTargets);
                    loss = model.TrainStep(batchInputs.AsSpan(0, rows * inputs), batchTargets.AsSpan(0, rows * targetsPerSample));
                }

                lossSum += (double)loss * rows;
                batches?.Report(new BatchProgress(epoch, TModel.Epochs, batch + 1, batchesPerEpoch, loss));
            }

            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Evaluation? validated = validation is null ? null : Evaluate(model, validation);
            var report = new EpochReport
            {
                Epoch = epoch,
                Epochs = TModel.Epochs,
                TrainLoss = lossSum / train.Count,
                ValidationLoss = validated?.Loss,
                ValidationAccuracy = validated?.Accuracy,
                LearningRate = learningRate,
                Seconds = seconds,
                Samples = train.Count,
            };
            history.Add(report);
            progress?.Report(report);
        }

        return history;
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

    private static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> indices, Span<float> destination)
    {
        for (int r = 0; r < indices.Length; r++)
        {
            source.Slice(indices[r] * width, width).CopyTo(destination.Slice(r * width, width));
        }
    }

    /// <summary>Checks that a data set has the shape the model was declared with, before any work.</summary>
    private static void CheckCompatible<TModel>(Dataset data, string parameter)
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
}
