using System;

namespace Gen.Tests;

/// <summary>
/// Drives any generated model through <see cref="ITrainableModel{TSelf}"/> with a random mini-batch
/// that fits its loss, so one test body serves every model.
/// </summary>
internal sealed class ModelHarness<TModel>
    where TModel : class, ITrainableModel<TModel>, new()
{
    public ModelHarness(int rows, int seed)
    {
        Rows = rows;
        Inputs = TestData.Uniform(rows * TModel.InputCount, seed);
        Labels = TestData.Labels(rows, TModel.OutputCount, seed + 1);
        Targets = TestData.Targets(rows * TModel.OutputCount, TModel.Loss, seed + 2);
    }

    public TModel Model { get; } = new();

    public int Rows { get; }

    public float[] Inputs { get; }

    public int[] Labels { get; }

    public float[] Targets { get; }

    public static bool UsesLabels => TModel.Loss == LossKind.SoftmaxCrossEntropy;

    public float ComputeGradients() => UsesLabels
        ? Model.ComputeGradients(Inputs, Labels)
        : Model.ComputeGradients(Inputs, Targets);

    public float TrainStep() => UsesLabels
        ? Model.TrainStep(Inputs, Labels)
        : Model.TrainStep(Inputs, Targets);

    public float Loss()
    {
        var outputs = new float[Rows * TModel.OutputCount];
        return UsesLabels
            ? Model.ComputeLoss(Inputs, Labels, outputs)
            : Model.ComputeLoss(Inputs, Targets, outputs);
    }
}
