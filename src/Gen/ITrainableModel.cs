using System;

namespace Gen;

/// <summary>
/// What Gen's source generator implements for every model class. The runtime's
/// <see cref="Trainer"/> drives any model through it; its static members are compile-time facts
/// of the declaration, so the trainer reads them without an instance or a virtual call.
/// </summary>
/// <typeparam name="TSelf">The model class itself.</typeparam>
public interface ITrainableModel<TSelf> where TSelf : ITrainableModel<TSelf>
{
    /// <summary>Input features per sample (<c>[Model(Inputs = ...)]</c>).</summary>
    static abstract int InputCount { get; }

    /// <summary>Outputs per sample: the units of the last layer.</summary>
    static abstract int OutputCount { get; }

    /// <summary>The mini-batch size of <c>[Training]</c>, and the most rows one <c>TrainStep</c> takes.</summary>
    static abstract int BatchSize { get; }

    /// <summary>The epochs of <c>[Training]</c>.</summary>
    static abstract int Epochs { get; }

    /// <summary>The seed of initialization and shuffling.</summary>
    static abstract int Seed { get; }

    /// <summary>The loss the model is trained with.</summary>
    static abstract LossKind Loss { get; }

    /// <summary>The dense layers in order, with where their weights and biases sit in <see cref="Parameters"/>.</summary>
    static abstract ReadOnlySpan<LayerShape> Layers { get; }

    /// <summary>
    /// The schedule, warmup, early stopping and validation split declared on the model; models
    /// that declare none keep the default plan.
    /// </summary>
    static virtual TrainingPlan Plan => TrainingPlan.Default;

    /// <summary>The step size the optimizer takes now; the trainer's schedules set it.</summary>
    float LearningRate { get; set; }

    /// <summary>Every weight and bias, layer after layer: each layer's weights [inputs × units] row-major, then its biases.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradients of the last <c>ComputeGradients</c>, laid out as <see cref="Parameters"/>.</summary>
    ReadOnlySpan<float> Gradients { get; }

    /// <summary>State not trained by gradients: the running statistics of batch normalization (empty without).</summary>
    Span<float> Statistics { get; }

    /// <summary>
    /// Optimizer steps taken since the parameters were initialized. Setting it (as resuming from a
    /// checkpoint does) sets the step the next update and dropout masks continue from.
    /// </summary>
    int StepCount { get; set; }

    /// <summary>
    /// The names of the optimizer's per-parameter state buffers, prefixed by the optimizer
    /// (<c>adam.exp_avg</c>, <c>adam.exp_avg_sq</c>, <c>sgd.momentum_buffer</c>...); empty for plain SGD.
    /// </summary>
    static abstract ReadOnlySpan<string> OptimizerStates { get; }

    /// <summary>
    /// The optimizer's state buffer <paramref name="index"/> (see <see cref="OptimizerStates"/>),
    /// one value per parameter, laid out as <see cref="Parameters"/>. Writable, for checkpoints;
    /// allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below the number of state buffers.</exception>
    Span<float> OptimizerState(int index);

    /// <summary>Resets the weights to their seeded initial values and clears the optimizer state.</summary>
    void InitializeParameters();

    /// <summary>
    /// Forward and backward pass of one mini-batch of class labels, leaving the gradients in
    /// <see cref="Gradients"/> without changing the parameters. Returns the batch's mean loss.
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>As the labels overload, for float targets.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// Copies the features of <paramref name="samples"/> (indices of whole samples of
    /// <paramref name="features"/>) into consecutive rows of <paramref name="batch"/>, for
    /// <c>TrainStep</c>. A model training on several threads has each thread copy the features its
    /// part of the first layer reads, so they arrive in that thread's cache.
    /// </summary>
    void GatherInputs(ReadOnlySpan<float> features, ReadOnlySpan<int> samples, Span<float> batch);

    /// <summary>
    /// <see cref="GatherInputs"/> for the step after the next, on a model training on several
    /// threads: its threads copy the samples during the next <c>TrainStep</c> (or
    /// <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>) where they would
    /// otherwise wait, and the copy is complete when that call returns (or
    /// at the next gather, or when the model's training threads change).
    /// Until then <paramref name="batch"/> must be left alone, and it must not be the next step's
    /// inputs. On one thread nothing is copied and it returns false: gather with
    /// <see cref="GatherInputs"/> just before the step instead. The indices are checked either way.
    /// </summary>
    /// <returns>Whether the samples will be copied during the next step.</returns>
    bool GatherInputsAhead(ReadOnlyMemory<float> features, ReadOnlySpan<int> samples, Memory<float> batch);

    /// <summary>One optimizer step with the current <see cref="Gradients"/>.</summary>
    void ApplyGradients();

    /// <summary>
    /// Trains one mini-batch of class labels (softmax cross-entropy models): forward, loss,
    /// backward and one optimizer step. Returns the batch's mean loss.
    /// </summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>
    /// Trains one mini-batch of float targets, <c>OutputCount</c> per sample (regression and
    /// binary cross-entropy models). Returns the batch's mean loss.
    /// </summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// Inference on up to <see cref="BatchSize"/> rows with class labels: writes what
    /// <c>Predict</c> would to <paramref name="outputs"/> and returns the mean loss. Changes nothing.
    /// </summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> outputs);

    /// <summary>As the labels overload, for float targets.</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> outputs);
}
