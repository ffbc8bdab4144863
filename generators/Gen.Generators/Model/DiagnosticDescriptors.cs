using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

/// <summary>
/// Every diagnostic Gen reports, in one table. Ids are public and stable (see
/// <see cref="DiagnosticIds"/>); each has a page at docs/diagnostics/GENxxx.md, linked as its help.
/// Errors stop the generator from emitting the model; warnings and infos do not. Every severity
/// can be changed in .editorconfig (<c>dotnet_diagnostic.GEN104.severity = none</c>): no descriptor
/// is marked NotConfigurable.
/// </summary>
/// <remarks>
/// Each descriptor is created with a constant id in a direct constructor call, so that Roslyn's
/// release-tracking analyzer can check it against AnalyzerReleases.*.md.
/// </remarks>
internal static class DiagnosticDescriptors
{
    private const string Category = "Gen";
    private const string HelpRoot = "https://github.com/gen-ml/gen/blob/main/docs/diagnostics/";

    // ---- Errors: the model cannot be generated. ----

    public static readonly DiagnosticDescriptor ModelTypeNotPartial = new(
        DiagnosticIds.ModelTypeNotPartial,
        "A model must be a non-generic partial class",
        "Model '{0}' {1}: Gen generates the rest of the class, so it must be a non-generic 'partial class' nested only in partial types",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.ModelTypeNotPartial + ".md");

    public static readonly DiagnosticDescriptor MissingOrDuplicatePart = new(
        DiagnosticIds.MissingOrDuplicatePart,
        "A model part is missing or declared twice",
        "Model '{0}' {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.MissingOrDuplicatePart + ".md");

    public static readonly DiagnosticDescriptor SizeOutOfRange = new(
        DiagnosticIds.SizeOutOfRange,
        "A size is out of range",
        "{0} is {1}; expected {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.SizeOutOfRange + ".md");

    public static readonly DiagnosticDescriptor LayersOnSeveralParts = new(
        DiagnosticIds.LayersOnSeveralParts,
        "Layers are declared on more than one part of a partial class",
        "Model '{0}' declares layers on more than one part of the partial class, so their order is undefined; declare all layers on one part",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.LayersOnSeveralParts + ".md");

    public static readonly DiagnosticDescriptor NotPositiveFinite = new(
        DiagnosticIds.NotPositiveFinite,
        "A hyperparameter must be positive and finite",
        "{0} is {1}; expected {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.NotPositiveFinite + ".md");

    public static readonly DiagnosticDescriptor CoefficientOutOfRange = new(
        DiagnosticIds.CoefficientOutOfRange,
        "A coefficient is outside [0, 1)",
        "{0} is {1}; expected a value in [0, 1)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.CoefficientOutOfRange + ".md");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = new(
        DiagnosticIds.LossDoesNotFitOutput,
        "The loss does not fit the model's output",
        "{0}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.LossDoesNotFitOutput + ".md");

    public static readonly DiagnosticDescriptor ValueOutOfRange = new(
        DiagnosticIds.ValueOutOfRange,
        "A rate, factor or coefficient is out of range",
        "{0} is {1}; expected {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.ValueOutOfRange + ".md");

    public static readonly DiagnosticDescriptor MemberConflict = new(
        DiagnosticIds.MemberConflict,
        "A member of the model class conflicts with the generated code",
        "{0}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.MemberConflict + ".md");

    public static readonly DiagnosticDescriptor LayerInWrongPlace = new(
        DiagnosticIds.LayerInWrongPlace,
        "A layer is in the wrong place",
        "{0}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.LayerInWrongPlace + ".md");

    /// <summary>
    /// An error with a warning's id: the issue that introduced it listed it as a warning, but Gen's
    /// batch normalization normalizes the preceding Dense layer's pre-activation, so a BatchNorm after
    /// that layer's Dropout cannot be built (docs/diagnostics/GEN112.md).
    /// </summary>
    public static readonly DiagnosticDescriptor BatchNormAfterDropout = new(
        DiagnosticIds.BatchNormAfterDropout,
        "Batch normalization after dropout",
        "[BatchNorm] follows the [Dropout] of Dense layer {0} (Dense({1})), but BatchNorm normalizes that Dense layer's pre-activation, before its activation and dropout; put BatchNorm right after the Dense and Dropout after it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.BatchNormAfterDropout + ".md");

    // ---- Warnings: legal, and almost always a mistake. ----

    public static readonly DiagnosticDescriptor OutputActivationBeforeCrossEntropy = new(
        DiagnosticIds.OutputActivationBeforeCrossEntropy,
        "The last layer of a cross-entropy model has an activation",
        "The last layer applies {0}, but {1} expects logits (a linear output) and applies {2} itself; remove the activation",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.OutputActivationBeforeCrossEntropy + ".md");

    public static readonly DiagnosticDescriptor SquashedOutputWithRegressionLoss = new(
        DiagnosticIds.SquashedOutputWithRegressionLoss,
        "A Sigmoid or Tanh output is trained with a regression loss",
        "The last layer applies {0} and the loss is {1}: its gradient vanishes as the output saturates; for 0/1 targets use LossKind.BinaryCrossEntropy on a linear output",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.SquashedOutputWithRegressionLoss + ".md");

    public static readonly DiagnosticDescriptor LinearHiddenLayer = new(
        DiagnosticIds.LinearHiddenLayer,
        "A hidden layer has no nonlinearity",
        "Hidden layer {0} (Dense({1})) has no activation, so it and the next layer collapse into one linear map; add a nonlinearity such as Activation.ReLU",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.LinearHiddenLayer + ".md");

    public static readonly DiagnosticDescriptor LearningRateOutsideTypicalRange = new(
        DiagnosticIds.LearningRateOutsideTypicalRange,
        "The learning rate is outside the typical range for its optimizer",
        "The learning rate of {0} is {1}, outside the typical range for {0} ({2}); its default is {3}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.LearningRateOutsideTypicalRange + ".md");

    public static readonly DiagnosticDescriptor NesterovWithoutMomentum = new(
        DiagnosticIds.NesterovWithoutMomentum,
        "Nesterov without momentum has no effect",
        "Nesterov = true has no effect while Momentum is {0}; set a Momentum in (0, 1) such as 0.9, or remove Nesterov",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.NesterovWithoutMomentum + ".md");

    public static readonly DiagnosticDescriptor UnusualOptimizerCoefficient = new(
        DiagnosticIds.UnusualOptimizerCoefficient,
        "An optimizer coefficient is far from any working value",
        "{0} is {1}; expected {2}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.UnusualOptimizerCoefficient + ".md");

    public static readonly DiagnosticDescriptor HighDropoutRate = new(
        DiagnosticIds.HighDropoutRate,
        "The dropout rate is above 0.5",
        "The dropout rate is {0}, above 0.5: most units are dropped at every step, which slows training and tends to underfit; rates of 0.1 to 0.5 are usual",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.HighDropoutRate + ".md");

    public static readonly DiagnosticDescriptor L2WithAdam = new(
        DiagnosticIds.L2WithAdam,
        "L2 regularization with Adam is not weight decay",
        "L2 in Adam is not weight decay: Adam divides the penalty's gradient by the same running scale as the loss's, so weights with large gradients barely decay; use AdamW(WeightDecay = {0}) instead of [Adam] and [L2({0})]",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.L2WithAdam + ".md");

    public static readonly DiagnosticDescriptor L2WithWeightDecay = new(
        DiagnosticIds.L2WithWeightDecay,
        "L2 regularization together with AdamW's weight decay",
        "[L2({0})] and AdamW's WeightDecay ({1}) both pull the weights toward zero, so they decay twice; keep WeightDecay and remove [L2], or set WeightDecay = 0",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.L2WithWeightDecay + ".md");

    public static readonly DiagnosticDescriptor ScheduleNeverActsOrStopsTraining = new(
        DiagnosticIds.ScheduleNeverActsOrStopsTraining,
        "The learning-rate schedule never acts or stops training",
        "{0}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.ScheduleNeverActsOrStopsTraining + ".md");

    public static readonly DiagnosticDescriptor PatienceNotBelowEpochs = new(
        DiagnosticIds.PatienceNotBelowEpochs,
        "Early stopping can never stop early",
        "EarlyStopping's Patience is {0}, but training runs {1} epochs: it can never stop early; use a Patience well below the number of epochs",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.PatienceNotBelowEpochs + ".md");

    public static readonly DiagnosticDescriptor BatchNormWithSmallBatch = new(
        DiagnosticIds.BatchNormWithSmallBatch,
        "Batch normalization with a small batch",
        "BatchSize is {0} and the model uses BatchNorm: statistics of fewer than {1} samples are noisy, and so are the running averages Predict uses; use a BatchSize of at least {1}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.BatchNormWithSmallBatch + ".md");

    // ---- Infos: performance hints. ----

    public static readonly DiagnosticDescriptor NotSimdMultiple = new(
        DiagnosticIds.NotSimdMultiple,
        "A size is not a multiple of the SIMD width",
        "{0} is {1}, not a multiple of the SIMD width ({2} floats), so every step runs a scalar tail; {3} would not",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true,
        helpLinkUri: HelpRoot + DiagnosticIds.NotSimdMultiple + ".md");

    /// <summary>Every descriptor, for the analyzer's SupportedDiagnostics.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All =
        System.Collections.Immutable.ImmutableArray.Create(
            ModelTypeNotPartial, MissingOrDuplicatePart, SizeOutOfRange, LayersOnSeveralParts, NotPositiveFinite,
            CoefficientOutOfRange, LossDoesNotFitOutput, ValueOutOfRange, LayerInWrongPlace, MemberConflict,
            OutputActivationBeforeCrossEntropy, SquashedOutputWithRegressionLoss, LinearHiddenLayer,
            LearningRateOutsideTypicalRange, NesterovWithoutMomentum, UnusualOptimizerCoefficient,
            HighDropoutRate, L2WithAdam, L2WithWeightDecay, ScheduleNeverActsOrStopsTraining,
            PatienceNotBelowEpochs, BatchNormAfterDropout, BatchNormWithSmallBatch,
            NotSimdMultiple);
}
