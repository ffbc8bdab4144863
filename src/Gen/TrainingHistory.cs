using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Gen.Persistence;

namespace Gen;

/// <summary>Every epoch's report of one <c>Fit</c> run, in order, and how the run ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = new();

    /// <summary>The reports, one per epoch trained.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>The last epoch's report, or null before the first.</summary>
    public EpochReport? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <summary>True when early stopping ended the run before its planned epochs.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>
    /// The best epoch (from 1): with early stopping, the last epoch that improved its monitored
    /// metric by more than its <c>MinDelta</c>; otherwise the epoch with the lowest validation loss.
    /// Null without validation data (or when no epoch had a valid metric).
    /// </summary>
    public int? BestEpoch { get; internal set; }

    /// <summary>
    /// True when early stopping with <c>RestoreBestWeights</c> copied the weights of
    /// <see cref="BestEpoch"/> back into the model at the end of the run.
    /// </summary>
    public bool RestoredBestWeights { get; internal set; }

    /// <summary>Total seconds spent in training steps.</summary>
    public double TrainingSeconds
    {
        get
        {
            double total = 0;
            foreach (EpochReport epoch in _epochs)
            {
                total += epoch.Seconds;
            }

            return total;
        }
    }

    /// <summary>The CSV header that <see cref="SaveCsv"/> writes.</summary>
    public const string CsvHeader = "epoch,train_loss,validation_loss,validation_accuracy,learning_rate,seconds,samples,overfitting";

    /// <summary>
    /// The history as CSV text: the <see cref="CsvHeader"/> row, then one row per epoch, numbers in
    /// the invariant culture (round-trip precision), an empty field where a value is absent, and
    /// <c>\n</c> line ends.
    /// </summary>
    public string ToCsv()
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (EpochReport e in _epochs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{Number(e.TrainLoss)},{Number(e.ValidationLoss)},{Number(e.ValidationAccuracy)},{Number(e.LearningRate)},{Number(e.Seconds)},{e.Samples},{(e.Overfitting ? "true" : "false")}")
                .Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Saves <see cref="ToCsv"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically:
    /// the text goes to a temporary file beside it that then replaces the target, so a failed
    /// save leaves any previous file intact.
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public void SaveCsv(string path)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToCsv());
        WriteAtomically(path, bytes);
    }

    /// <summary>
    /// Saves a PNG of the learning curves to <paramref name="path"/> atomically (as
    /// <see cref="SaveCsv"/>): the training and validation loss per epoch, the validation accuracy
    /// when there is one, and the learning rate, in panels over a shared epoch axis, with the
    /// best epoch marked. Drawn with ScottPlot.
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="width">Width in pixels, 200 to 10,000.</param>
    /// <param name="height">Height in pixels, 200 to 10,000.</param>
    /// <exception cref="InvalidOperationException">The history has no epoch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public void SavePlot(string path, int width = 1000, int height = 900)
    {
        if (_epochs.Count == 0)
        {
            throw new InvalidOperationException("The history has no epoch to plot; call SavePlot after Fit has trained at least one epoch.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 10_000);
        CheckPath(path);
        WriteAtomically(path, LearningCurves.Png(this, width, height));
    }

    internal void Add(EpochReport report) => _epochs.Add(report);

    private static string Number(double? value) =>
        value is double number ? number.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static void CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
    }

    /// <summary>Checks the path, then writes through <see cref="AtomicFile"/>.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        CheckPath(path);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
