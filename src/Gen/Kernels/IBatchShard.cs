using System;
using System.ComponentModel;

namespace Gen.Kernels;

/// <summary>
/// What a generated model offers data-parallel training: the forward and backward pass of some
/// rows of a mini-batch, on the instance's own activation and gradient buffers. The model that
/// trains and its replicas (which read the same parameters) all implement it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBatchShard
{
    /// <summary>
    /// Forward and backward over <paramref name="rows"/> rows that start at row
    /// <paramref name="rowOffset"/> of the whole mini-batch, at optimizer step
    /// <paramref name="step"/> (the row offset and step choose the same dropout masks as one pass
    /// over the whole batch would). Leaves the gradient of the shard's mean loss in
    /// <see cref="ShardGradients"/> and returns that mean loss.
    /// </summary>
    /// <param name="inputs">The shard's rows of inputs.</param>
    /// <param name="labels">The shard's class labels (empty for a model trained on targets).</param>
    /// <param name="targets">The shard's targets (empty for a model trained on labels).</param>
    /// <param name="rows">Rows in the shard.</param>
    /// <param name="rowOffset">The shard's first row within the mini-batch.</param>
    /// <param name="step">The optimizer step the mini-batch trains.</param>
    float ComputeShard(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, int rows, int rowOffset, int step);

    /// <summary>The gradient buffer <see cref="ComputeShard"/> writes, laid out as the model's parameters.</summary>
    Span<float> ShardGradients { get; }

    /// <summary>
    /// The optimizer's update of parameters [<paramref name="from"/>, <paramref name="to"/>) from
    /// <see cref="ShardGradients"/>, at the step already counted. Ranges that do not overlap may be
    /// updated on different threads at once.
    /// </summary>
    void UpdateParameters(int from, int to);
}
