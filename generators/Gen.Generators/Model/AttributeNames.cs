namespace Gen.Generators.Model;

/// <summary>Metadata names of the runtime's attributes, read by the parser.</summary>
internal static class AttributeNames
{
    public const string Model = "Gen.ModelAttribute";
    public const string Dense = "Gen.DenseAttribute";
    public const string Loss = "Gen.LossAttribute";
    public const string Training = "Gen.TrainingAttribute";
    public const string Sgd = "Gen.SgdAttribute";
    public const string Adam = "Gen.AdamAttribute";
    public const string AdamW = "Gen.AdamWAttribute";
    public const string RmsProp = "Gen.RmsPropAttribute";
    public const string AdaGrad = "Gen.AdaGradAttribute";
    public const string Dropout = "Gen.DropoutAttribute";
    public const string BatchNorm = "Gen.BatchNormAttribute";
    public const string L1 = "Gen.L1Attribute";
    public const string L2 = "Gen.L2Attribute";
    public const string ClipGradientNorm = "Gen.ClipGradientNormAttribute";
    public const string StepDecay = "Gen.StepDecayAttribute";
    public const string ExponentialDecay = "Gen.ExponentialDecayAttribute";
    public const string LinearDecay = "Gen.LinearDecayAttribute";
    public const string CosineDecay = "Gen.CosineDecayAttribute";
    public const string Warmup = "Gen.WarmupAttribute";
    public const string ReduceOnPlateau = "Gen.ReduceOnPlateauAttribute";
    public const string EarlyStopping = "Gen.EarlyStoppingAttribute";
}
