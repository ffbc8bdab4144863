using System;

namespace Gen.Generators.Model;

// The generator's pipeline model: everything the emitter needs to write a model's code, and
// nothing else. Records of strings, numbers and equatable arrays only (no symbols, syntax or
// locations), so that equal declarations compare equal and the generator's cache holds.

/// <summary>A model that passed every error rule and can be emitted.</summary>
internal sealed record ModelSpec(
    TypeSpec Type,
    int Inputs,
    int Seed,
    EquatableArray<LayerSpec> Layers,
    LossSpec Loss,
    OptimizerSpec Optimizer,
    TrainingSpec Training,
    RegularizationSpec Regularization,
    PlanSpec? Plan)
{
    /// <summary>Running statistics of every batch normalization (mean, then variance, per layer).</summary>
    public long StatisticsCount
    {
        get
        {
            long count = 0;
            foreach (LayerSpec layer in Layers)
            {
                count += layer.BatchNorm is null ? 0 : 2L * layer.Units;
            }

            return count;
        }
    }

    /// <summary>The outputs of the model: the units of its last layer.</summary>
    public int Outputs => Layers[Layers.Count - 1].Units;

    /// <summary>Every weight and bias, the length of the parameter buffer.</summary>
    public long ParameterCount
    {
        get
        {
            long count = 0;
            foreach (LayerSpec layer in Layers)
            {
                count += layer.ParameterCount;
            }

            return count;
        }
    }
}

/// <summary>Where the partial class lives: its namespace and the types it is nested in.</summary>
/// <param name="IsAbstract">An abstract model gets no <c>Clone()</c>: it cannot be instantiated.</param>
internal sealed record TypeSpec(
    string? Namespace,
    string Name,
    EquatableArray<string> ContainingTypeDeclarations,
    bool IsAbstract = false)
{
    /// <summary>The file name of the generated source, unique per type.</summary>
    public string HintName
    {
        get
        {
            string prefix = Namespace is null ? string.Empty : Namespace + ".";
            string nesting = string.Empty;
            foreach (string declaration in ContainingTypeDeclarations)
            {
                nesting += declaration.Substring(declaration.LastIndexOf(' ') + 1) + ".";
            }

            return prefix + nesting + Name + ".g.cs";
        }
    }
}

/// <summary>
/// One dense layer with what follows it: an optional batch normalization of its pre-activation
/// (then the layer has no bias: the normalization's shift replaces it), its activation, and an
/// optional dropout of its output. <see cref="Inputs"/> is the previous layer's width (or the model's inputs).
/// </summary>
internal sealed record LayerSpec(
    int Index,
    LayerKind Kind,
    int Inputs,
    int Units,
    ActivationKind Activation,
    float NegativeSlope,
    BatchNormSpec? BatchNorm = null,
    float DropoutRate = 0f)
{
    public long WeightCount => (long)Inputs * Units;

    public bool HasBias => BatchNorm is null;

    public bool HasDropout => DropoutRate > 0f;

    /// <summary>Weights, then biases or the normalization's scale and shift.</summary>
    public long ParameterCount => WeightCount + (HasBias ? Units : 2L * Units);
}

internal sealed record BatchNormSpec(float Momentum, float Epsilon);

/// <summary>Weight penalties and gradient clipping; 0 means none.</summary>
internal sealed record RegularizationSpec(float L1, float L2, float MaxGradientNorm)
{
    public static RegularizationSpec None { get; } = new(0f, 0f, 0f);
}

/// <summary>What the trainer does beyond mini-batches, from the schedule and early-stopping attributes.</summary>
internal sealed record PlanSpec(
    ScheduleKind? Schedule,
    int ScheduleEpochs,
    float ScheduleFactor,
    int WarmupEpochs,
    int WarmupSteps,
    float? PlateauFactor,
    int PlateauPatience,
    EarlyStoppingSpec? EarlyStopping,
    float ValidationFraction);

internal sealed record EarlyStoppingSpec(int Patience, float MinDelta, MetricKind Monitor, bool RestoreBestWeights);

internal sealed record LossSpec(LossKind Kind, float Delta);

internal sealed record OptimizerSpec(
    OptimizerKind Kind,
    float LearningRate,
    float Beta1,
    float Beta2,
    float Epsilon,
    float WeightDecay,
    float Alpha,
    float Momentum,
    bool Nesterov);

internal sealed record TrainingSpec(int BatchSize, int Epochs);
