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
    TrainingSpec Training)
{
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
internal sealed record TypeSpec(
    string? Namespace,
    string Name,
    EquatableArray<string> ContainingTypeDeclarations)
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

/// <summary>One layer. <see cref="Inputs"/> is the previous layer's width (or the model's inputs).</summary>
internal sealed record LayerSpec(
    int Index,
    LayerKind Kind,
    int Inputs,
    int Units,
    ActivationKind Activation,
    float NegativeSlope)
{
    public long WeightCount => (long)Inputs * Units;

    public long ParameterCount => WeightCount + Units;
}

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
