using System;
using System.Globalization;
using System.IO;

namespace Gen;

/// <summary>
/// Where and when <c>Fit</c> writes checkpoints: every <see cref="EveryEpochs"/> epochs to
/// <see cref="EpochFile"/>, and the best epoch so far to <see cref="BestFile"/>. A checkpoint holds
/// the weights, the batch-normalization statistics, the optimizer state and step count, the epoch,
/// the learning rate, the plateau and early-stopping state and the history, so that
/// <c>Fit(..., resumeFrom: path)</c> continues exactly as if training had not stopped. Each file is
/// written atomically (a temporary file, flushed, then renamed).
/// </summary>
/// <remarks>
/// The history is kept in the file's JSON header, which Gen reads up to 1 MB: room for several
/// thousand epochs. Resuming needs the same model, plan and data (the sample counts are checked).
/// </remarks>
public sealed class CheckpointOptions
{
    /// <summary>The folder the checkpoints are written to; <c>Fit</c> creates it if it does not exist.</summary>
    public required string Directory { get; init; }

    /// <summary>Write a checkpoint after every this many epochs (after epochs N, 2N, ...); 0 writes none.</summary>
    public int EveryEpochs { get; init; } = 1;

    /// <summary>
    /// Keep the best epoch so far in <see cref="BestFile"/>, rewritten whenever an epoch improves.
    /// "Best" is judged by early stopping's monitored metric when the plan declares early stopping,
    /// otherwise by the lowest validation loss, otherwise (no validation set) by the lowest training loss.
    /// </summary>
    public bool KeepBest { get; init; }

    /// <summary>The checkpoint written after <paramref name="epoch"/>: <c>epoch-0003.safetensors</c> in <see cref="Directory"/>.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    public string EpochFile(int epoch) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.safetensors"));

    /// <summary>The checkpoint of the best epoch so far: <c>best.safetensors</c> in <see cref="Directory"/>.</summary>
    public string BestFile => Path.Combine(Directory, "best.safetensors");

    /// <summary>Checks the options and creates the folder, before any training.</summary>
    internal void Prepare()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("CheckpointOptions.Directory is empty; name the folder to write checkpoints to.", "checkpoints");
        }

        if (EveryEpochs < 0)
        {
            throw new ArgumentOutOfRangeException("checkpoints", EveryEpochs, $"CheckpointOptions.EveryEpochs is {EveryEpochs}; it must be 0 (none) or more.");
        }

        System.IO.Directory.CreateDirectory(Directory);
    }
}
