using System.Collections.Generic;
using Gen;

namespace Overfitting;

/// <summary>One run: how well the network fits its training digits and how well it generalizes.</summary>
public sealed record OverfittingResult(string Name, int Epochs, double TrainAccuracy, double TestAccuracy)
{
    /// <summary>Training accuracy minus test accuracy.</summary>
    public double Gap => TrainAccuracy - TestAccuracy;
}

/// <summary>Trains the four networks of <see cref="Models"/> and measures each one's gap.</summary>
public static class OverfittingStudy
{
    public static IReadOnlyList<OverfittingResult> Run(Dataset train, Dataset test) =>
    [
        Measure("plain", new PlainNet(), train, test),
        Measure("L2", new L2Net(), train, test),
        Measure("dropout", new DropoutNet(), train, test),
        Measure("early stopping", new EarlyStoppedNet(), train, test),
    ];

    private static OverfittingResult Measure<TModel>(string name, TModel model, Dataset train, Dataset test)
        where TModel : ITrainableModel<TModel>
    {
        TrainingHistory history = Trainer.Fit(model, train);
        return new OverfittingResult(
            name,
            history.Epochs.Count,
            Trainer.Evaluate(model, train).Accuracy ?? 0,
            Trainer.Evaluate(model, test).Accuracy ?? 0);
    }
}
