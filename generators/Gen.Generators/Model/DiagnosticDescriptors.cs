using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

/// <summary>
/// Every diagnostic Gen reports, in one table. Ids are public and stable; each has a page at
/// docs/diagnostics/GENxxx.md. Errors stop the generator from emitting the model.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Gen";

    private static string HelpLink(string id) => $"https://github.com/gen-ml/gen/blob/main/docs/diagnostics/{id}.md";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    public static readonly DiagnosticDescriptor ModelTypeNotPartial = Error(
        "GEN001",
        "A model must be a non-generic partial class",
        "Model '{0}' {1}: Gen generates the rest of the class, so it must be a non-generic 'partial class' nested only in partial types");

    public static readonly DiagnosticDescriptor MissingOrDuplicatePart = Error(
        "GEN002",
        "A model part is missing or declared twice",
        "Model '{0}' {1}");

    public static readonly DiagnosticDescriptor SizeOutOfRange = Error(
        "GEN003",
        "A size is out of range",
        "{0} is {1}; expected {2}");

    public static readonly DiagnosticDescriptor LayersOnSeveralParts = Error(
        "GEN004",
        "Layers are declared on more than one part of a partial class",
        "Model '{0}' declares layers on more than one part of the partial class, so their order is undefined; declare all layers on one part");

    public static readonly DiagnosticDescriptor NotPositiveFinite = Error(
        "GEN005",
        "A hyperparameter must be positive and finite",
        "{0} is {1}; expected {2}");

    public static readonly DiagnosticDescriptor CoefficientOutOfRange = Error(
        "GEN006",
        "A coefficient is outside [0, 1)",
        "{0} is {1}; expected a value in [0, 1)");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "GEN007",
        "The loss does not fit the model's output",
        "{0}");
}
