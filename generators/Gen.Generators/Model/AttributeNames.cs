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
}
