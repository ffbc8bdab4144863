using System;

namespace Gen.Benchmarks;

/// <summary>
/// One implementation of the benchmarked model (784 → H ReLU → 10 logits, softmax cross-entropy,
/// Adam), so each benchmark drives Gen, the scalar baseline and TorchSharp through the same calls.
/// One interface call per mini-batch or prediction costs nanoseconds against microseconds of work.
/// </summary>
public interface IMlp : IDisposable
{
    /// <summary>Forward, loss, backward and one Adam step on one mini-batch; returns the mean loss.</summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>Forward, loss and backward only, leaving the gradients for <see cref="ApplyGradients"/>.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>One Adam step with the current gradients.</summary>
    void ApplyGradients();

    /// <summary>Softmax probabilities of whole samples (at most 64).</summary>
    void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Copies the features of the given samples into consecutive rows of a mini-batch buffer.</summary>
    void GatherInputs(ReadOnlySpan<float> features, ReadOnlySpan<int> samples, Span<float> batch) =>
        Gen.Kernels.DenseKernels.Gather(features, MnistData.Inputs, samples, batch, 0, MnistData.Inputs);

    /// <summary>The gather of the batch after the next during the next step, where a model trains on several threads (then true).</summary>
    bool GatherInputsAhead(ReadOnlyMemory<float> features, ReadOnlySpan<int> samples, Memory<float> batch) => false;

    /// <summary>Every weight and bias in Gen's layout: per layer, weights [inputs × units] row-major, then biases.</summary>
    float[] CopyParameters();
}

/// <summary>The implementations compared in every benchmark.</summary>
public enum Implementation
{
    /// <summary>The code Gen's generator emits for the declaration.</summary>
    Gen,

    /// <summary>Plain scalar C# loops written in this project.</summary>
    Scalar,

    /// <summary>TorchSharp-cpu (libtorch) on one thread.</summary>
    TorchSharp,

    /// <summary>Gen's code with <c>TrainingThreads = 2</c>: each mini-batch split across both cores.</summary>
    GenTwoThreads,

    /// <summary>TorchSharp-cpu with two intra-op threads.</summary>
    TorchSharpTwoThreads,
}

/// <summary>Creates a model of each implementation from the same initial weights.</summary>
public static class Models
{
    /// <summary>
    /// A model with <paramref name="hidden"/> units (128 or 64). Every implementation starts from the
    /// weights Gen draws from its seed (He uniform, Glorot uniform, zero biases), so all three do
    /// the same arithmetic on the same numbers.
    /// </summary>
    public static IMlp Create(Implementation implementation, int hidden)
    {
        GenMlp gen = hidden switch
        {
            128 => new GenMlp128(),
            64 => new GenMlp64(),
            _ => throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "The benchmarks declare Gen models of 128 and 64 hidden units."),
        };
        if (implementation is Implementation.Gen or Implementation.GenTwoThreads)
        {
            gen.TrainingThreads = implementation == Implementation.GenTwoThreads ? 2 : 1;
            return gen;
        }

        float[] initial = gen.CopyParameters();
        switch (implementation)
        {
            case Implementation.Scalar:
                return new ScalarMlp(hidden, initial);
            case Implementation.TorchSharp:
                return new TorchMlp(hidden, initial);
            case Implementation.TorchSharpTwoThreads:
                var torch = new TorchMlp(hidden, initial);
                TorchSharp.torch.set_num_threads(2); // each benchmark case runs in a process of its own
                return torch;
            default:
                throw new ArgumentOutOfRangeException(nameof(implementation), implementation, null);
        }
    }
}

/// <summary>Gen's generated models behind <see cref="IMlp"/>.</summary>
public abstract class GenMlp : IMlp
{
    public abstract float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    public abstract float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    public abstract void ApplyGradients();

    public abstract void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);

    public abstract float[] CopyParameters();

    /// <summary>The generated model's gather: split across its training threads.</summary>
    public abstract void GatherInputs(ReadOnlySpan<float> features, ReadOnlySpan<int> samples, Span<float> batch);

    /// <summary>The generated model's gather ahead: during the next step, by its training threads.</summary>
    public abstract bool GatherInputsAhead(ReadOnlyMemory<float> features, ReadOnlySpan<int> samples, Memory<float> batch);

    /// <summary>The generated model's <c>TrainingThreads</c>.</summary>
    public abstract int TrainingThreads { get; set; }

    public void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>The generated <see cref="Mlp128"/>.</summary>
public sealed class GenMlp128 : GenMlp
{
    private readonly Mlp128 _model = new();

    public override float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => _model.TrainStep(inputs, labels);

    public override float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => _model.ComputeGradients(inputs, labels);

    public override void ApplyGradients() => _model.ApplyGradients();

    public override void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Predict(inputs, outputs);

    public override float[] CopyParameters() => _model.Parameters.ToArray();

    public override int TrainingThreads { get => _model.TrainingThreads; set => _model.TrainingThreads = value; }

    public override void GatherInputs(ReadOnlySpan<float> features, ReadOnlySpan<int> samples, Span<float> batch) => _model.GatherInputs(features, samples, batch);

    public override bool GatherInputsAhead(ReadOnlyMemory<float> features, ReadOnlySpan<int> samples, Memory<float> batch) => _model.GatherInputsAhead(features, samples, batch);
}

/// <summary>The generated <see cref="Mlp64"/>.</summary>
public sealed class GenMlp64 : GenMlp
{
    private readonly Mlp64 _model = new();

    public override float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => _model.TrainStep(inputs, labels);

    public override float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => _model.ComputeGradients(inputs, labels);

    public override void ApplyGradients() => _model.ApplyGradients();

    public override void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Predict(inputs, outputs);

    public override float[] CopyParameters() => _model.Parameters.ToArray();

    public override int TrainingThreads { get => _model.TrainingThreads; set => _model.TrainingThreads = value; }

    public override void GatherInputs(ReadOnlySpan<float> features, ReadOnlySpan<int> samples, Span<float> batch) => _model.GatherInputs(features, samples, batch);

    public override bool GatherInputsAhead(ReadOnlyMemory<float> features, ReadOnlySpan<int> samples, Memory<float> batch) => _model.GatherInputsAhead(features, samples, batch);
}
