using System.Collections.Generic;
using ScottPlot;

namespace Gen;

/// <summary>Draws a <see cref="TrainingHistory"/> as stacked panels over a shared epoch axis, with ScottPlot.</summary>
internal static class LearningCurves
{
    // Equal margins in every panel, so their data areas (and epochs) line up vertically.
    private static readonly PixelPadding Margins = new(left: 90, right: 30, bottom: 45, top: 40);

    /// <summary>The PNG bytes of the plot.</summary>
    public static byte[] Png(TrainingHistory history, int width, int height)
    {
        IReadOnlyList<EpochReport> epochs = history.Epochs;
        var multiplot = new Multiplot();
        bool hasAccuracy = false;
        foreach (EpochReport e in epochs)
        {
            hasAccuracy |= e.ValidationAccuracy is not null;
        }

        multiplot.AddPlots(hasAccuracy ? 3 : 2);
        int panel = 0;

        // Losses: training (mean over the epoch's steps) and validation (after the epoch).
        Plot loss = multiplot.GetPlot(panel++);
        Series(loss, epochs, static e => e.TrainLoss, "training loss", Colors.C0);
        Series(loss, epochs, static e => e.ValidationLoss, "validation loss", Colors.C1);
        loss.Title(Title(history));
        loss.YLabel("loss");
        MarkEpochs(loss, history);

        if (hasAccuracy)
        {
            Plot accuracy = multiplot.GetPlot(panel++);
            Series(accuracy, epochs, static e => e.ValidationAccuracy, "validation accuracy", Colors.C2);
            accuracy.YLabel("accuracy");
            MarkEpochs(accuracy, history);
        }

        // The rate holds through an epoch: drawn as steps, from 0 so a constant rate does not
        // look like a change.
        Plot rate = multiplot.GetPlot(panel);
        var rates = Series(rate, epochs, static e => e.LearningRate, "learning rate", Colors.C3);
        if (rates is not null)
        {
            rates.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        rate.YLabel("learning rate");
        rate.XLabel("epoch");

        foreach (Plot plot in multiplot.GetPlots())
        {
            plot.Layout.Fixed(Margins);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Margins(0.05, 0.05, 0.05, 0.2); // left, right, bottom, top: room for the legend above the curves
            plot.ShowLegend(Alignment.UpperCenter, Orientation.Horizontal);
        }

        multiplot.SharedAxes.ShareX(multiplot.GetPlots());
        double highest = 0;
        foreach (EpochReport e in epochs)
        {
            highest = double.IsFinite(e.LearningRate) ? System.Math.Max(highest, e.LearningRate) : highest;
        }

        rate.Axes.SetLimitsY(0, highest > 0 ? highest * 1.25 : 1);
        return multiplot.Render(width, height).GetImageBytes(ImageFormat.Png);
    }

    private static string Title(TrainingHistory history)
    {
        int trained = history.Epochs.Count;
        int planned = history.Epochs[^1].Epochs;
        string title = history.StoppedEarly
            ? $"Learning curves: stopped early after {trained} of {planned} epochs"
            : $"Learning curves: {trained} epochs";
        return history.RestoredBestWeights && history.BestEpoch != trained
            ? title + $", weights of epoch {history.BestEpoch} restored"
            : title;
    }

    /// <summary>A line with markers through the epochs where the value exists and is finite.</summary>
    private static ScottPlot.Plottables.Scatter? Series(Plot plot, IReadOnlyList<EpochReport> epochs, System.Func<EpochReport, double?> value, string label, Color color)
    {
        var xs = new List<double>(epochs.Count);
        var ys = new List<double>(epochs.Count);
        foreach (EpochReport e in epochs)
        {
            if (value(e) is double y && double.IsFinite(y))
            {
                xs.Add(e.Epoch);
                ys.Add(y);
            }
        }

        if (xs.Count == 0)
        {
            return null;
        }

        var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 6;
        return scatter;
    }

    /// <summary>A dashed line at the best epoch, and a shaded mark on each epoch reported as overfitting.</summary>
    private static void MarkEpochs(Plot plot, TrainingHistory history)
    {
        if (history.BestEpoch is int best)
        {
            var line = plot.Add.VerticalLine(best, width: 1.5f, color: Colors.Gray, pattern: LinePattern.Dashed);
            line.LegendText = $"best epoch {best}";
        }

        bool labelled = false;
        foreach (EpochReport e in history.Epochs)
        {
            if (e.Overfitting)
            {
                var span = plot.Add.HorizontalSpan(e.Epoch - 0.5, e.Epoch + 0.5, Colors.Red.WithAlpha(0.12));
                if (!labelled)
                {
                    span.LegendText = "overfitting";
                    labelled = true;
                }
            }
        }
    }
}
