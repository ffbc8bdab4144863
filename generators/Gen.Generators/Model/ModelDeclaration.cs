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

/// <summary>A layer attribute: <c>[Dense]</c>, <c>[Dropout]</c> or <c>[BatchNorm]</c>.</summary>
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

    /// <summary>A <c>[Dropout(rate)]</c>.</summary>
    public static DeclaredLayer Dropout(DeclaredAttribute attribute, float rate) =>
        new(attribute, LayerKind.Dropout, 0, ActivationKind.Identity, 0f) { Rate = rate };

    /// <summary>A <c>[BatchNorm(Momentum, Epsilon)]</c>.</summary>
    public static DeclaredLayer BatchNorm(DeclaredAttribute attribute, float momentum, float epsilon) =>
        new(attribute, LayerKind.BatchNorm, 0, ActivationKind.Identity, 0f) { Momentum = momentum, Epsilon = epsilon };

    public DeclaredAttribute Attribute { get; }
    public LayerKind Kind { get; }

    /// <summary>Dense only: the layer's outputs.</summary>
    public int Units { get; }

    /// <summary>Dense only.</summary>
    public ActivationKind Activation { get; }

    /// <summary>Dense with LeakyReLU only.</summary>
    public float NegativeSlope { get; }

    /// <summary>Dropout only: the probability of dropping a unit.</summary>
    public float Rate { get; private set; }

    /// <summary>BatchNorm only: the running statistics' momentum.</summary>
    public float Momentum { get; private set; }

    /// <summary>BatchNorm only: added to the variance.</summary>
    public float Epsilon { get; private set; }
}

/// <summary>An attribute with one number that matters: L1, L2, ClipGradientNorm.</summary>
internal sealed class DeclaredValue
{
    public DeclaredValue(DeclaredAttribute attribute, float value)
    {
        Attribute = attribute;
        Value = value;
    }

    public DeclaredAttribute Attribute { get; }
    public float Value { get; }
}

/// <summary>A learning-rate decay: StepDecay, ExponentialDecay, LinearDecay or CosineDecay.</summary>
internal sealed class DeclaredSchedule
{
    public DeclaredSchedule(DeclaredAttribute attribute, ScheduleKind kind, int epochs, float factor)
    {
        Attribute = attribute;
        Kind = kind;
        Epochs = epochs;
        Factor = factor;
    }

    public DeclaredAttribute Attribute { get; }
    public ScheduleKind Kind { get; }

    /// <summary>StepEpochs (StepDecay) or Epochs (LinearDecay, CosineDecay); 0 for ExponentialDecay.</summary>
    public int Epochs { get; }

    /// <summary>Gamma (StepDecay, ExponentialDecay), EndFactor (LinearDecay) or MinLearningRate (CosineDecay).</summary>
    public float Factor { get; }

    /// <summary>The argument <see cref="Epochs"/> was read from.</summary>
    public string EpochsArgument => Kind == ScheduleKind.StepDecay ? "StepEpochs" : "Epochs";

    /// <summary>The argument <see cref="Factor"/> was read from.</summary>
    public string FactorArgument => Kind switch
    {
        ScheduleKind.LinearDecay => "EndFactor",
        ScheduleKind.CosineDecay => "MinLearningRate",
        _ => "Gamma",
    };
}

internal sealed class DeclaredWarmup
{
    public DeclaredWarmup(DeclaredAttribute attribute, int epochs, int steps)
    {
        Attribute = attribute;
        Epochs = epochs;
        Steps = steps;
    }

    public DeclaredAttribute Attribute { get; }
    public int Epochs { get; }
    public int Steps { get; }
}

internal sealed class DeclaredPlateau
{
    public DeclaredPlateau(DeclaredAttribute attribute, float factor, int patience)
    {
        Attribute = attribute;
        Factor = factor;
        Patience = patience;
    }

    public DeclaredAttribute Attribute { get; }
    public float Factor { get; }
    public int Patience { get; }
}

internal sealed class DeclaredEarlyStopping
{
    public DeclaredEarlyStopping(DeclaredAttribute attribute, int patience, float minDelta, MetricKind monitor, bool restoreBestWeights)
    {
        Attribute = attribute;
        Patience = patience;
        MinDelta = minDelta;
        Monitor = monitor;
        RestoreBestWeights = restoreBestWeights;
    }

    public DeclaredAttribute Attribute { get; }
    public int Patience { get; }
    public float MinDelta { get; }
    public MetricKind Monitor { get; }
    public bool RestoreBestWeights { get; }
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
    public DeclaredTraining(DeclaredAttribute attribute, int batchSize, int epochs, float validationFraction = 0f)
    {
        Attribute = attribute;
        BatchSize = batchSize;
        Epochs = epochs;
        ValidationFraction = validationFraction;
    }

    public DeclaredAttribute Attribute { get; }
    public int BatchSize { get; }
    public int Epochs { get; }
    public float ValidationFraction { get; }
}

/// <summary>The training techniques declared on a model (regularization, schedules, early stopping).</summary>
internal sealed class DeclaredTechniques
{
    public static DeclaredTechniques None { get; } = new();

    public ImmutableArray<DeclaredValue> L1 { get; set; } = ImmutableArray<DeclaredValue>.Empty;
    public ImmutableArray<DeclaredValue> L2 { get; set; } = ImmutableArray<DeclaredValue>.Empty;
    public ImmutableArray<DeclaredValue> ClipGradientNorm { get; set; } = ImmutableArray<DeclaredValue>.Empty;
    public ImmutableArray<DeclaredSchedule> Schedules { get; set; } = ImmutableArray<DeclaredSchedule>.Empty;
    public ImmutableArray<DeclaredWarmup> Warmups { get; set; } = ImmutableArray<DeclaredWarmup>.Empty;
    public ImmutableArray<DeclaredPlateau> Plateaus { get; set; } = ImmutableArray<DeclaredPlateau>.Empty;
    public ImmutableArray<DeclaredEarlyStopping> EarlyStoppings { get; set; } = ImmutableArray<DeclaredEarlyStopping>.Empty;
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
        bool layersOnSeveralParts,
        ImmutableArray<DeclaredLayer> sequence = default,
        DeclaredTechniques? techniques = null)
    {
        Sequence = sequence.IsDefault ? layers : sequence;
        Techniques = techniques ?? DeclaredTechniques.None;
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

    /// <summary>Every layer attribute (Dense, Dropout, BatchNorm) in the order written.</summary>
    public ImmutableArray<DeclaredLayer> Sequence { get; }

    /// <summary>Regularization, clipping, schedules and early stopping.</summary>
    public DeclaredTechniques Techniques { get; }

    /// <summary>The Dense layers, in the order they are written.</summary>
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
