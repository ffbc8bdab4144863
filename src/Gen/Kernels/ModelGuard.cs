using System;
using System.ComponentModel;

namespace Gen.Kernels;

/// <summary>
/// Argument checks of the generated public methods, written once so every model words its errors
/// the same way: what was wrong, the value, and what was expected. They run before any state
/// changes, so a rejected call leaves the model as it was.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelGuard
{
    /// <summary>The rows of a mini-batch of labelled samples (one per label), checked against the inputs.</summary>
    public static int LabelledRows(ReadOnlySpan<float> inputs, int inputCount, ReadOnlySpan<int> labels, int classes, int batchSize, string model)
    {
        int rows = labels.Length;
        CheckRows(rows, batchSize, model, "labels");
        if (inputs.Length != (long)rows * inputCount)
        {
            throw new ArgumentException($"{model} takes {inputCount} inputs per sample: {rows} labels need {(long)rows * inputCount} inputs, but {inputs.Length} were given.", nameof(inputs));
        }

        for (int r = 0; r < labels.Length; r++)
        {
            if ((uint)labels[r] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[r], $"Label {r} is {labels[r]}, but {model} has {classes} classes (labels 0 to {classes - 1}).");
            }
        }

        return rows;
    }

    /// <summary>The rows of a mini-batch of float targets, checked against the inputs.</summary>
    public static int TargetRows(ReadOnlySpan<float> inputs, int inputCount, ReadOnlySpan<float> targets, int outputCount, int batchSize, string model)
    {
        if (targets.Length % outputCount != 0)
        {
            throw new ArgumentException($"{model} has {outputCount} outputs per sample, so the targets must hold a multiple of {outputCount} values, but {targets.Length} were given.", nameof(targets));
        }

        int rows = targets.Length / outputCount;
        CheckRows(rows, batchSize, model, "targets");
        if (inputs.Length != (long)rows * inputCount)
        {
            throw new ArgumentException($"{model} takes {inputCount} inputs per sample: targets for {rows} samples need {(long)rows * inputCount} inputs, but {inputs.Length} were given.", nameof(inputs));
        }

        return rows;
    }

    /// <summary>Checks that a buffer has room for the outputs of <paramref name="rows"/> samples.</summary>
    public static void Outputs(Span<float> outputs, int rows, int outputCount, string model)
    {
        if (outputs.Length < (long)rows * outputCount)
        {
            throw new ArgumentException($"{model} writes {outputCount} outputs per sample: {rows} samples need {(long)rows * outputCount}, but the buffer holds {outputs.Length}.", nameof(outputs));
        }
    }

    /// <summary>The number of whole samples in <paramref name="inputs"/>, checked against the output buffer.</summary>
    public static int Samples(ReadOnlySpan<float> inputs, int inputCount, Span<float> outputs, int outputCount, string model)
    {
        if (inputs.Length == 0 || inputs.Length % inputCount != 0)
        {
            throw new ArgumentException($"{model} takes {inputCount} inputs per sample; {inputs.Length} is not a positive multiple of {inputCount}.", nameof(inputs));
        }

        int samples = inputs.Length / inputCount;
        if (outputs.Length != (long)samples * outputCount)
        {
            throw new ArgumentException($"{model} writes {outputCount} outputs per sample: {samples} sample(s) need an output of {(long)samples * outputCount}, but it holds {outputs.Length}.", nameof(outputs));
        }

        return samples;
    }

    /// <summary>Checks that <paramref name="input"/> is exactly one sample.</summary>
    public static void OneSample(ReadOnlySpan<float> input, int inputCount, string model)
    {
        if (input.Length != inputCount)
        {
            throw new ArgumentException($"{model} takes {inputCount} inputs per sample, but {input.Length} were given.", nameof(input));
        }
    }

    /// <summary>The error of calling the float-targets overload on a model trained on class labels, or the reverse.</summary>
    public static InvalidOperationException WrongTargetKind(string model, bool needsLabels) => new(needsLabels
        ? $"{model} is trained with softmax cross-entropy on class labels: pass the labels as ReadOnlySpan<int>."
        : $"{model} is trained on float targets (OutputCount per sample): pass them as ReadOnlySpan<float>.");

    /// <summary>
    /// The samples of a gather into a mini-batch: 1 to <paramref name="batchSize"/> indices of whole
    /// samples of <paramref name="features"/>, and a batch buffer that holds them. Returns the rows.
    /// </summary>
    public static int GatheredRows(ReadOnlySpan<float> features, int inputCount, ReadOnlySpan<int> samples, Span<float> batch, int batchSize, string model)
    {
        CheckRows(samples.Length, batchSize, model, "samples");
        SampleIndices(features, inputCount, samples);

        if (batch.Length < (long)samples.Length * inputCount)
        {
            throw new ArgumentException($"{samples.Length} samples of {model} need a batch buffer of {(long)samples.Length * inputCount} floats, but it holds {batch.Length}.", nameof(batch));
        }

        return samples.Length;
    }

    /// <summary>A range [from, to) of a model's parameters for an optimizer update.</summary>
    public static void ParameterRange(int from, int to, int parameterCount, string model)
    {
        if (from < 0 || from > to || to > parameterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"[{from}, {to}) is not a range of {model}'s {parameterCount} parameters.");
        }
    }

    /// <summary>The most threads a model splits a mini-batch across.</summary>
    public const int MaxTrainingThreads = 64;

    /// <summary>A value for <c>TrainingThreads</c>: 1 to <see cref="MaxTrainingThreads"/>.</summary>
    public static void TrainingThreads(int value, string model)
    {
        if (value < 1 || value > MaxTrainingThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{model}.TrainingThreads is 1 to {MaxTrainingThreads}, but {value} was given.");
        }
    }

    /// <summary>Every index of <paramref name="samples"/> names a whole sample of <paramref name="features"/>.</summary>
    internal static void SampleIndices(ReadOnlySpan<float> features, int inputCount, ReadOnlySpan<int> samples)
    {
        long available = features.Length / inputCount;
        for (int r = 0; r < samples.Length; r++)
        {
            if ((uint)samples[r] >= (ulong)available)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), samples[r], $"Sample {r} of the batch is index {samples[r]}, but the features hold {available} samples of {inputCount} inputs (indices 0 to {available - 1}).");
            }
        }
    }

    private static void CheckRows(int rows, int batchSize, string model, string what)
    {
        if (rows < 1 || rows > batchSize)
        {
            throw new ArgumentException($"A mini-batch of {model} holds 1 to {batchSize} samples (its BatchSize), but the {what} describe {rows}.", what);
        }
    }
}
