namespace Gen.Generators.Model;

/// <summary>
/// The defaults of the attributes' optional arguments, as the runtime declares them
/// (src/Gen/Attributes). An argument that is not written takes these values; a test checks that
/// they equal the runtime attributes' initial values.
/// </summary>
internal static class Defaults
{
    public const float NegativeSlope = 0.01f;
    public const float HuberDelta = 1f;
    public const int BatchSize = 32;
    public const int Epochs = 10;
    public const float ValidationFraction = 0f;

    public const float BatchNormMomentum = 0.1f;
    public const float BatchNormEpsilon = 1e-5f;
    public const int StepDecayStepEpochs = 10;
    public const float StepDecayGamma = 0.1f;
    public const float ExponentialDecayGamma = 0.95f;
    public const float LinearDecayEndFactor = 0f;
    public const int LinearDecayEpochs = 10;
    public const int CosineDecayEpochs = 10;
    public const float CosineDecayMinLearningRate = 0f;
    public const float ReduceOnPlateauFactor = 0.1f;
    public const int ReduceOnPlateauPatience = 10;
    public const int EarlyStoppingPatience = 5;
    public const float EarlyStoppingMinDelta = 0f;
    public const bool EarlyStoppingRestoreBestWeights = true;

    public const float SgdLearningRate = 0.01f;
    public const float AdamLearningRate = 1e-3f;
    public const float Beta1 = 0.9f;
    public const float Beta2 = 0.999f;
    public const float AdamEpsilon = 1e-8f;
    public const float AdamWWeightDecay = 0.01f;
    public const float RmsPropLearningRate = 1e-2f;
    public const float RmsPropAlpha = 0.99f;
    public const float RmsPropEpsilon = 1e-8f;
    public const float AdaGradLearningRate = 1e-2f;
    public const float AdaGradEpsilon = 1e-10f;

    /// <summary>The learning rate an optimizer takes when none is written.</summary>
    public static float LearningRate(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => SgdLearningRate,
        OptimizerKind.RmsProp => RmsPropLearningRate,
        OptimizerKind.AdaGrad => AdaGradLearningRate,
        _ => AdamLearningRate,
    };

    /// <summary>The epsilon an optimizer takes when none is written (SGD has none).</summary>
    public static float Epsilon(OptimizerKind kind) => kind switch
    {
        OptimizerKind.RmsProp => RmsPropEpsilon,
        OptimizerKind.AdaGrad => AdaGradEpsilon,
        OptimizerKind.Sgd => 0f,
        _ => AdamEpsilon,
    };
}
