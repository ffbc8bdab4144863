using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gen.Generators.Model;

// Info GEN201: performance hints. The emitter vectorises over the batch and over each layer's
// units with Vector512 (16 floats); a size that is not a multiple of 16 leaves a scalar tail
// loop in every step.
internal static partial class ModelRules
{
    /// <summary>Floats per SIMD vector in the generated code (Vector512).</summary>
    internal const int SimdWidth = 16;

    private static void CheckSimdWidths(ModelDeclaration model, ImmutableArray<Diagnostic>.Builder found)
    {
        foreach (DeclaredTraining training in model.Trainings)
        {
            ReportTail(training.Attribute.LocationOf("BatchSize"), "BatchSize", training.BatchSize, found);
        }

        // Hidden layers only: the output width is set by the task (10 digits), not a free choice.
        for (int i = 0; i < model.Layers.Length - 1; i++)
        {
            DeclaredLayer layer = model.Layers[i];
            ReportTail(layer.Attribute.LocationOf("units"), $"The width of hidden layer {i + 1}", layer.Units, found);
        }
    }

    private static void ReportTail(Location location, string what, int size, ImmutableArray<Diagnostic>.Builder found)
    {
        if (size <= 0 || size % SimdWidth == 0)
        {
            return; // GEN003 reports sizes ≤ 0
        }

        int below = size / SimdWidth * SimdWidth;
        string instead = below == 0 ? Format(SimdWidth) : $"{Format(below)} or {Format(below + SimdWidth)}";
        found.Add(Diagnostic.Create(DiagnosticDescriptors.NotSimdMultiple, location, what, Format(size), SimdWidth, instead));
    }
}
