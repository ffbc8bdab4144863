namespace Gen;

/// <summary>Progress inside an epoch, reported after each mini-batch to a progress that accepts it.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The epochs planned.</param>
/// <param name="Batch">The mini-batch just trained, from 1.</param>
/// <param name="Batches">The mini-batches of the epoch.</param>
/// <param name="Loss">The mean loss of that mini-batch.</param>
public readonly record struct BatchProgress(int Epoch, int Epochs, int Batch, int Batches, float Loss);
