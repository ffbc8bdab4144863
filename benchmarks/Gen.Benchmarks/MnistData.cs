using System;
using System.IO;
using Gen;

namespace Gen.Benchmarks;

/// <summary>The 7,996 real MNIST training digits shipped with samples/Mnist, loaded once per process.</summary>
public static class MnistData
{
    /// <summary>Features per sample.</summary>
    public const int Inputs = 784;

    /// <summary>Samples per training mini-batch.</summary>
    public const int BatchSize = 64;

    private static Dataset? s_train;

    /// <summary>
    /// The inputs of the dense-input benchmarks: <paramref name="samples"/> samples of
    /// <see cref="Inputs"/> features, every one non-zero (uniform in [0, 1), seeded), so that no
    /// product finds a zero to skip.
    /// </summary>
    public static float[] DenseFeatures(int samples)
    {
        var random = new Random(5);
        var features = new float[samples * Inputs];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        return features;
    }

    /// <summary>The training set.</summary>
    public static Dataset Train => s_train ??= Load();

    private static Dataset Load()
    {
        const string Images = "train-images-idx3-ubyte.gz";
        const string Labels = "train-labels-idx1-ubyte.gz";
        // Copied next to the program by the build; BenchmarkDotNet's generated runner may sit in a
        // folder below it, so look upward too, and finally for the sample's own copy.
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (string folder in new[] { Path.Combine(directory.FullName, "data"), Path.Combine(directory.FullName, "samples", "Mnist", "data") })
            {
                if (File.Exists(Path.Combine(folder, Images)))
                {
                    return Dataset.LoadIdx(Path.Combine(folder, Images), Path.Combine(folder, Labels));
                }
            }
        }

        throw new FileNotFoundException($"{Images} was not found next to the benchmarks or above them.");
    }
}
