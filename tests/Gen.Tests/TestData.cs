using System;

namespace Gen.Tests;

/// <summary>Deterministic random inputs, labels and targets for the tests.</summary>
internal static class TestData
{
    public static float[] Uniform(int count, int seed, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * random.NextSingle());
        }

        return values;
    }

    public static int[] Labels(int count, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(classes);
        }

        return labels;
    }

    /// <summary>Targets fitting the loss: 0/1 for binary cross-entropy, values in [−1, 1] otherwise.</summary>
    public static float[] Targets(int count, LossKind loss, int seed)
    {
        float[] targets = Uniform(count, seed);
        if (loss == LossKind.BinaryCrossEntropy)
        {
            for (int i = 0; i < count; i++)
            {
                targets[i] = targets[i] > 0 ? 1f : 0f;
            }
        }

        return targets;
    }

    public static string DataFile(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", name);
}
