using System.ComponentModel;

namespace Gen.Kernels;

/// <summary>The optimizer's update of a range of a generated model's parameters, for <see cref="InputSplit"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IParameterUpdate
{
    /// <summary>
    /// Updates parameters [<paramref name="from"/>, <paramref name="to"/>) from their gradients at
    /// the step already counted. Ranges that do not overlap may be updated on different threads at once.
    /// </summary>
    void UpdateParameters(int from, int to);
}
