namespace Gen.Generators.Model;

// Mirrors of the runtime's public enums (src/Gen/Attributes). The generator cannot reference the
// runtime assembly, so it reads enum arguments as their integer values; the numbers here must
// match the runtime's, and a test compares the two.

internal enum ActivationKind
{
    Identity = 0,
    ReLU = 1,
    LeakyReLU = 2,
    Sigmoid = 3,
    Tanh = 4,
    GELU = 5,
}

internal enum LossKind
{
    MeanSquaredError = 0,
    MeanAbsoluteError = 1,
    Huber = 2,
    BinaryCrossEntropy = 3,
    SoftmaxCrossEntropy = 4,
}

internal enum LayerKind
{
    Dense,
    Dropout,
    BatchNorm,
}

internal enum ScheduleKind
{
    StepDecay,
    ExponentialDecay,
    LinearDecay,
    CosineDecay,
}

internal enum MetricKind
{
    ValidationLoss = 0,
    ValidationAccuracy = 1,
}

internal enum OptimizerKind
{
    Sgd,
    Adam,
    AdamW,
    RmsProp,
    AdaGrad,
}
