namespace Gen.Generators.Model;

/// <summary>
/// The public, stable ids of Gen's diagnostics and the keys of the properties they carry for the
/// code fixes. Kept apart from <see cref="DiagnosticDescriptors"/> so that the code-fix assembly
/// can share the names without compiling a second copy of the descriptor table.
/// </summary>
internal static class DiagnosticIds
{
    public const string ModelTypeNotPartial = "GEN001";
    public const string MissingOrDuplicatePart = "GEN002";
    public const string SizeOutOfRange = "GEN003";
    public const string LayersOnSeveralParts = "GEN004";
    public const string NotPositiveFinite = "GEN005";
    public const string CoefficientOutOfRange = "GEN006";
    public const string LossDoesNotFitOutput = "GEN007";
    public const string ValueOutOfRange = "GEN008";
    public const string LayerInWrongPlace = "GEN009";
    public const string MemberConflict = "GEN010";

    public const string OutputActivationBeforeCrossEntropy = "GEN101";
    public const string SquashedOutputWithRegressionLoss = "GEN102";
    public const string LinearHiddenLayer = "GEN103";
    public const string LearningRateOutsideTypicalRange = "GEN104";
    public const string NesterovWithoutMomentum = "GEN105";
    public const string UnusualOptimizerCoefficient = "GEN106";
    public const string HighDropoutRate = "GEN107";
    public const string L2WithAdam = "GEN108";
    public const string L2WithWeightDecay = "GEN109";
    public const string ScheduleNeverActsOrStopsTraining = "GEN110";
    public const string PatienceNotBelowEpochs = "GEN111";

    /// <summary>An error despite its 1xx id: see docs/diagnostics/GEN112.md.</summary>
    public const string BatchNormAfterDropout = "GEN112";
    public const string BatchNormWithSmallBatch = "GEN113";

    public const string NotSimdMultiple = "GEN201";

    /// <summary>
    /// GEN001: present when adding <c>partial</c> (to the model and the types around it) is the
    /// whole fix; absent when the model is generic or not a class.
    /// </summary>
    public const string CanMakePartialProperty = "CanMakePartial";

    /// <summary>GEN104: the optimizer's default learning rate, round-trip formatted, invariant culture.</summary>
    public const string DefaultLearningRateProperty = "DefaultLearningRate";
}
