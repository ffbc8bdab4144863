using System;
using System.Linq;

namespace Gen.Benchmarks;

/// <summary>
/// Checks that the benchmarks compare like with like: from the same initial weights, Gen, the
/// scalar baseline and TorchSharp take the same 50 training steps on the same mini-batches and
/// must end with the same loss and parameters, up to float rounding.
/// </summary>
public static class Verify
{
    /// <summary>Prints the comparison; returns 1 if an implementation disagrees with Gen.</summary>
    public static int Run()
    {
        const int Steps = 50;
        bool ok = true;
        Dataset train = MnistData.Train;
        foreach (int hidden in new[] { 128, 64 })
        {
            IMlp[] models = Enum.GetValues<Implementation>().Select(i => Models.Create(i, hidden)).ToArray();
            var losses = new float[models.Length];
            for (int step = 0; step < Steps; step++)
            {
                int start = step * MnistData.BatchSize;
                ReadOnlySpan<float> inputs = train.Features.Slice(start * MnistData.Inputs, MnistData.BatchSize * MnistData.Inputs);
                ReadOnlySpan<int> labels = train.Labels.Slice(start, MnistData.BatchSize);
                for (int m = 0; m < models.Length; m++)
                {
                    losses[m] = models[m].TrainStep(inputs, labels);
                }
            }

            float[] reference = models[0].CopyParameters();
            for (int m = 0; m < models.Length; m++)
            {
                float[] parameters = models[m].CopyParameters();
                float largest = 0;
                for (int i = 0; i < reference.Length; i++)
                {
                    largest = MathF.Max(largest, MathF.Abs(parameters[i] - reference[i]));
                }

                bool same = largest < 1e-3f && MathF.Abs(losses[m] - losses[0]) < 1e-3f;
                ok &= same;
                Console.WriteLine($"784-{hidden}-10 {(Implementation)m,-10} loss after {Steps} steps {losses[m]:F6}, largest parameter difference from Gen {largest:E2} {(same ? "ok" : "DIFFERENT")}");
                models[m].Dispose();
            }
        }

        return ok ? 0 : 1;
    }
}
