namespace Gen.Generators.Model;

/// <summary>
/// Documented size limits (docs/diagnostics/GEN003.md). A model over them is a build error, not an
/// <c>OutOfMemoryException</c> at run time: parameters, gradients and two optimizer states are
/// four buffers of this many floats.
/// </summary>
internal static class Limits
{
    /// <summary>The most weights and biases a model may have (2^26, 256 MiB per buffer).</summary>
    public const long MaxParameters = 1L << 26;

    /// <summary>The most floats one layer's activations may take for a full mini-batch (2^26).</summary>
    public const long MaxActivations = 1L << 26;
}
