using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

// What a model declaration says, read once from the symbol by ModelReader, with the attribute of
// every value so that a rule can point at it. The analyzers check this; the generator checks it with
// the same rules and, when nothing is an error, turns it into a location-free ModelSpec. It holds
// symbols, so it never enters the generator's cached pipeline.

/// <summary>One of Gen's attributes as applied to the model class.</summary>
internal sealed class DeclaredAttribute
{
    public DeclaredAttribute(AttributeData data) => Data = data;

    public AttributeData Data { get; }

    /// <summary>The whole attribute as written, e.g. <c>Adam(LearningRate = 10)</c>.</summary>
    public Location Location =>
        Data.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Location.None;

    /// <summary>True when the argument was written (by name or by position).</summary>
    public bool IsWritten(string name) => AttributeSyntaxLookup.FindArgument(Data, name) is not null;

    /// <summary>
    /// The location of the argument called <paramref name="name"/> (a named property or a
    /// constructor parameter), or of the whole attribute when that argument was not written.
    /// </summary>
    public Location LocationOf(string name) =>
        AttributeSyntaxLookup.FindArgument(Data, name)?.GetLocation() ?? Location;
}

internal sealed class DeclaredLayer
{
    public DeclaredLayer(DeclaredAttribute attribute, LayerKind kind, int units, ActivationKind activation, float negativeSlope)
    {
        Attribute = attribute;
        Kind = kind;
        Units = units;
        Activation = activation;
        NegativeSlope = negativeSlope;
    }

    public DeclaredAttribute Attribute { get; }
    public LayerKind Kind { get; }
    public int Units { get; }
    public ActivationKind Activation { get; }
    public float NegativeSlope { get; }
}

internal sealed class DeclaredLoss
{
    public DeclaredLoss(DeclaredAttribute attribute, LossKind kind, float delta)
    {
        Attribute = attribute;
        Kind = kind;
        Delta = delta;
    }

    public DeclaredAttribute Attribute { get; }
    public LossKind Kind { get; }
    public float Delta { get; }
}

internal sealed class DeclaredOptimizer
{
    public DeclaredOptimizer(
        DeclaredAttribute attribute, OptimizerKind kind, float learningRate, float beta1, float beta2,
        float epsilon, float weightDecay, float alpha, float momentum, bool nesterov)
    {
        Attribute = attribute;
        Kind = kind;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Alpha = alpha;
        Momentum = momentum;
        Nesterov = nesterov;
    }

    public DeclaredAttribute Attribute { get; }
    public OptimizerKind Kind { get; }
    public float LearningRate { get; }
    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Epsilon { get; }
    public float WeightDecay { get; }
    public float Alpha { get; }
    public float Momentum { get; }
    public bool Nesterov { get; }
}

internal sealed class DeclaredTraining
{
    public DeclaredTraining(DeclaredAttribute attribute, int batchSize, int epochs)
    {
        Attribute = attribute;
        BatchSize = batchSize;
        Epochs = epochs;
    }

    public DeclaredAttribute Attribute { get; }
    public int BatchSize { get; }
    public int Epochs { get; }
}

/// <summary>Everything written on one model class.</summary>
internal sealed class ModelDeclaration
{
    public ModelDeclaration(
        INamedTypeSymbol type,
        DeclaredAttribute model,
        int inputs,
        int seed,
        ImmutableArray<DeclaredLayer> layers,
        ImmutableArray<DeclaredLoss> losses,
        ImmutableArray<DeclaredOptimizer> optimizers,
        ImmutableArray<DeclaredTraining> trainings,
        ImmutableArray<DeclaredAttribute> malformed,
        bool layersOnSeveralParts)
    {
        Type = type;
        Model = model;
        Inputs = inputs;
        Seed = seed;
        Layers = layers;
        Losses = losses;
        Optimizers = optimizers;
        Trainings = trainings;
        Malformed = malformed;
        LayersOnSeveralParts = layersOnSeveralParts;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[Model]</c> attribute.</summary>
    public DeclaredAttribute Model { get; }

    public int Inputs { get; }
    public int Seed { get; }

    /// <summary>The layers, in the order they are written.</summary>
    public ImmutableArray<DeclaredLayer> Layers { get; }
    public ImmutableArray<DeclaredLoss> Losses { get; }
    public ImmutableArray<DeclaredOptimizer> Optimizers { get; }
    public ImmutableArray<DeclaredTraining> Trainings { get; }

    /// <summary>
    /// Gen attributes whose arguments the compiler could not bind (a syntax or type error the
    /// compiler already reports). Such a model produces no code.
    /// </summary>
    public ImmutableArray<DeclaredAttribute> Malformed { get; }

    /// <summary>True when layers are written on more than one part of a partial class.</summary>
    public bool LayersOnSeveralParts { get; }

    /// <summary>The model's name where the class is declared (the first part).</summary>
    public Location Location => Type.Locations.Length > 0 ? Type.Locations[0] : Location.None;
}
