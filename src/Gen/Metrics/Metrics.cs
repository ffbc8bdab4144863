using System;
using System.Numerics.Tensors;

namespace Gen;

/// <summary>
/// Measures of a trained model on a data set: accuracy and a confusion matrix for classifiers;
/// mean squared error, mean absolute error and R² for regression. Each runs the model's inference
/// (<c>ComputeLoss</c>, which writes what <c>Predict</c> would) a mini-batch at a time and changes
/// nothing in the model.
/// </summary>
public static class Metrics
{
    /// <summary>
    /// The share of correct predictions: the arg-max class against the label for softmax
    /// cross-entropy, each output thresholded at 0.5 against its 0/1 target for binary cross-entropy
    /// (as <see cref="Trainer.Evaluate{TModel}"/> counts it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is a regression model.</exception>
    /// <exception cref="ArgumentException">The data set is empty or does not fit the model.</exception>
    public static double Accuracy<TModel>(TModel model, Dataset data)
        where TModel : ITrainableModel<TModel>
    {
        CheckArguments(model, data);
        RequireClassifier<TModel>("Accuracy");
        return Trainer.Evaluate(model, data).Accuracy!.Value;
    }

    /// <summary>
    /// The confusion matrix of a classifier on <paramref name="data"/>: how often each actual class
    /// was predicted as each class. A softmax cross-entropy model has one class per output (the
    /// arg-max is predicted); a binary cross-entropy model with one output has classes 0 and 1
    /// (an output of 0.5 or more predicts 1; a target of 0.5 or more is class 1).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The model is a regression model, or a binary cross-entropy model with several outputs (each
    /// output is its own yes/no question, not one class per sample).
    /// </exception>
    /// <exception cref="ArgumentException">The data set is empty or does not fit the model.</exception>
    public static ConfusionMatrix ConfusionMatrix<TModel>(TModel model, Dataset data)
        where TModel : ITrainableModel<TModel>
    {
        CheckArguments(model, data);
        RequireClassifier<TModel>("ConfusionMatrix");
        string name = typeof(TModel).Name;
        int outputs = TModel.OutputCount;
        bool binary = TModel.Loss == LossKind.BinaryCrossEntropy;
        if (binary && outputs != 1)
        {
            throw new InvalidOperationException(
                $"{name} has {outputs} independent binary outputs (binary cross-entropy), so a sample has no single class; a confusion matrix needs one output (classes 0 and 1) or a softmax cross-entropy model. Use Metrics.Accuracy for the per-output accuracy.");
        }

        int classes = binary ? 2 : outputs;
        var counts = new int[classes, classes];
        int batchSize = TModel.BatchSize;
        int inputs = TModel.InputCount;
        var predictions = new float[batchSize * outputs];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int rows = Math.Min(batchSize, data.Count - start);
            ReadOnlySpan<float> x = data.Features.Slice(start * inputs, rows * inputs);
            Span<float> y = predictions.AsSpan(0, rows * outputs);
            if (binary)
            {
                ReadOnlySpan<float> targets = data.Targets.Slice(start, rows);
                model.ComputeLoss(x, targets, y);
                for (int r = 0; r < rows; r++)
                {
                    counts[targets[r] >= 0.5f ? 1 : 0, y[r] >= 0.5f ? 1 : 0]++;
                }
            }
            else
            {
                ReadOnlySpan<int> labels = data.Labels.Slice(start, rows);
                model.ComputeLoss(x, labels, y);
                for (int r = 0; r < rows; r++)
                {
                    counts[labels[r], TensorPrimitives.IndexOfMax(y.Slice(r * outputs, outputs))]++;
                }
            }
        }

        return new ConfusionMatrix(counts);
    }

    /// <summary>
    /// Mean squared error, mean absolute error and R² of the model's outputs against the targets
    /// of <paramref name="data"/>, over every output of every sample.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is a softmax classifier (class labels have no regression error).</exception>
    /// <exception cref="ArgumentException">The data set is empty or does not fit the model.</exception>
    public static RegressionMetrics Regression<TModel>(TModel model, Dataset data)
        where TModel : ITrainableModel<TModel>
    {
        CheckArguments(model, data);
        string name = typeof(TModel).Name;
        if (TModel.Loss == LossKind.SoftmaxCrossEntropy)
        {
            throw new InvalidOperationException(
                $"{name} is a softmax classifier: its targets are class labels, which have no regression error. Use Metrics.ConfusionMatrix or Metrics.Accuracy.");
        }

        int outputs = TModel.OutputCount;
        int batchSize = TModel.BatchSize;
        int inputs = TModel.InputCount;
        ReadOnlySpan<float> allTargets = data.Targets;

        // First pass, over the targets alone: each output's mean, for R²'s total sum of squares.
        var means = new double[outputs];
        for (int i = 0; i < allTargets.Length; i++)
        {
            means[i % outputs] += allTargets[i];
        }

        for (int o = 0; o < outputs; o++)
        {
            means[o] /= data.Count;
        }

        // Second pass: the model's outputs, per output the residual and total sums of squares.
        var residualSquares = new double[outputs];
        var totalSquares = new double[outputs];
        double absoluteSum = 0;
        var predictions = new float[batchSize * outputs];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int rows = Math.Min(batchSize, data.Count - start);
            ReadOnlySpan<float> x = data.Features.Slice(start * inputs, rows * inputs);
            ReadOnlySpan<float> t = allTargets.Slice(start * outputs, rows * outputs);
            Span<float> y = predictions.AsSpan(0, rows * outputs);
            model.ComputeLoss(x, t, y);
            for (int i = 0; i < y.Length; i++)
            {
                int o = i % outputs;
                double error = (double)y[i] - t[i];
                double deviation = t[i] - means[o];
                residualSquares[o] += error * error;
                totalSquares[o] += deviation * deviation;
                absoluteSum += Math.Abs(error);
            }
        }

        double squaredSum = 0;
        var rSquared = new double[outputs];
        double rSquaredSum = 0;
        for (int o = 0; o < outputs; o++)
        {
            squaredSum += residualSquares[o];

            // As scikit-learn's r2_score with force_finite: a constant target scores 1 when it is
            // predicted exactly and 0 otherwise, instead of a division by zero.
            rSquared[o] = totalSquares[o] > 0
                ? 1 - (residualSquares[o] / totalSquares[o])
                : residualSquares[o] == 0 ? 1 : 0;
            rSquaredSum += rSquared[o];
        }

        double values = (double)data.Count * outputs;
        return new RegressionMetrics(squaredSum / values, absoluteSum / values, rSquaredSum / outputs, rSquared, data.Count);
    }

    private static void CheckArguments<TModel>(TModel model, Dataset data)
        where TModel : ITrainableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("The data set is empty; metrics need at least one sample.", nameof(data));
        }

        Trainer.CheckCompatible<TModel>(data, nameof(data));
    }

    private static void RequireClassifier<TModel>(string metric)
        where TModel : ITrainableModel<TModel>
    {
        if (TModel.Loss is not (LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy))
        {
            string name = typeof(TModel).Name;
            throw new InvalidOperationException(
                $"{metric} is for classifiers, but {name} is a regression model ({TModel.Loss}). Use Metrics.Regression for its MSE, MAE and R².");
        }
    }
}
