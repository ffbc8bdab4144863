using System;

namespace Gen;

/// <summary>
/// Samples in memory: a row-major feature matrix and, per sample, either one class label or a
/// row of float targets. Immutable; <see cref="Split"/>, <see cref="Shuffle"/> and
/// <see cref="Take"/> return new data sets.
/// </summary>
public sealed partial class Dataset
{
    private readonly float[] _features;
    private readonly int[]? _labels;
    private readonly float[]? _targets;

    private Dataset(float[] features, int featureCount, int[]? labels, float[]? targets, int targetCount)
    {
        _features = features;
        _labels = labels;
        _targets = targets;
        FeatureCount = featureCount;
        TargetCount = targetCount;
        Count = featureCount == 0 ? 0 : features.Length / featureCount;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Float targets per sample (0 for a labelled data set).</summary>
    public int TargetCount { get; }

    /// <summary>True when every sample has a class label (rather than float targets).</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>All features, sample after sample.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>All features as memory, which another thread can hold (for a gather that runs during a training step).</summary>
    public ReadOnlyMemory<float> FeatureMemory => _features;

    /// <summary>The class label of every sample.</summary>
    /// <exception cref="InvalidOperationException">The data set holds float targets, not labels.</exception>
    public ReadOnlySpan<int> Labels => _labels ?? throw new InvalidOperationException(
        "This data set holds float targets, not class labels; read Targets, or create it with Dataset.FromArrays(features, featureCount, labels).");

    /// <summary>All float targets, sample after sample.</summary>
    /// <exception cref="InvalidOperationException">The data set holds class labels, not float targets.</exception>
    public ReadOnlySpan<float> Targets => _targets ?? throw new InvalidOperationException(
        "This data set holds class labels, not float targets; read Labels, or create it with Dataset.FromArrays(features, featureCount, targets, targetCount).");

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> GetFeatures(int index)
    {
        CheckIndex(index);
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>The class label of sample <paramref name="index"/>.</summary>
    public int GetLabel(int index)
    {
        CheckIndex(index);
        return Labels[index];
    }

    /// <summary>The float targets of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> GetTargets(int index)
    {
        CheckIndex(index);
        return Targets.Slice(index * TargetCount, TargetCount);
    }

    /// <summary>A labelled data set from a row-major feature array and one class label per sample.</summary>
    /// <param name="features">Features, <paramref name="featureCount"/> per sample.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="labels">One class label (≥ 0) per sample.</param>
    public static Dataset FromArrays(float[] features, int featureCount, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        int count = CheckFeatures(features, featureCount);
        if (labels.Length != count)
        {
            throw new ArgumentException($"There are {count} samples ({features.Length} features / {featureCount} per sample) but {labels.Length} labels; expected one label per sample.", nameof(labels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label {i} is {labels[i]}; class labels are 0 or greater.");
            }
        }

        return new Dataset(features, featureCount, labels, null, 0);
    }

    /// <summary>A data set with float targets (regression, or 0/1 targets for binary cross-entropy).</summary>
    /// <param name="features">Features, <paramref name="featureCount"/> per sample.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="targets">Targets, <paramref name="targetCount"/> per sample.</param>
    /// <param name="targetCount">Targets per sample.</param>
    public static Dataset FromArrays(float[] features, int featureCount, float[] targets, int targetCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        int count = CheckFeatures(features, featureCount);
        if (targetCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(targetCount), targetCount, "Targets per sample must be at least 1.");
        }

        if ((long)count * targetCount != targets.Length)
        {
            throw new ArgumentException($"There are {count} samples but {targets.Length} targets; expected {count} × {targetCount} = {(long)count * targetCount}.", nameof(targets));
        }

        return new Dataset(features, featureCount, null, targets, targetCount);
    }

    /// <summary>
    /// Splits into a first part with <paramref name="fraction"/> of the samples and a second part
    /// with the rest, after a shuffle with <paramref name="seed"/>.
    /// </summary>
    public (Dataset First, Dataset Second) Split(double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction of the first part must be in (0, 1).");
        }

        int[] order = Permutation(Count, seed);
        int first = (int)Math.Round(Count * fraction);
        return (Select(order.AsSpan(0, first)), Select(order.AsSpan(first)));
    }

    /// <summary>The same samples in an order drawn from <paramref name="seed"/>.</summary>
    public Dataset Shuffle(int seed) => Select(Permutation(Count, seed));

    /// <summary>The first <paramref name="count"/> samples.</summary>
    public Dataset Take(int count)
    {
        if (count < 0 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected 0 to {Count} samples.");
        }

        int[] indices = new int[count];
        for (int i = 0; i < count; i++)
        {
            indices[i] = i;
        }

        return Select(indices);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        var features = new float[indices.Length * FeatureCount];
        int[]? labels = _labels is null ? null : new int[indices.Length];
        float[]? targets = _targets is null ? null : new float[indices.Length * TargetCount];
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            CheckIndex(index);
            _features.AsSpan(index * FeatureCount, FeatureCount).CopyTo(features.AsSpan(i * FeatureCount));
            if (labels is not null)
            {
                labels[i] = _labels![index];
            }

            if (targets is not null)
            {
                _targets.AsSpan(index * TargetCount, TargetCount).CopyTo(targets.AsSpan(i * TargetCount));
            }
        }

        return new Dataset(features, FeatureCount, labels, targets, TargetCount);
    }

    /// <summary>0 … count−1 shuffled by Fisher–Yates with a seeded generator.</summary>
    internal static int[] Permutation(int count, int seed)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        return order;
    }

    private static int CheckFeatures(float[] features, int featureCount)
    {
        if (featureCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "Features per sample must be at least 1.");
        }

        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"{features.Length} features do not divide into samples of {featureCount}; the array must hold whole samples.", nameof(features));
        }

        return features.Length / featureCount;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The data set has {Count} samples.");
        }
    }
}
