using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Gen.Tests.Models;
using Xunit;

namespace Gen.Tests;

/// <summary>The history's CSV and PNG, and the overfitting flag of the epoch reports.</summary>
public sealed class HistoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gen-history-" + Guid.NewGuid().ToString("N"));

    public HistoryTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EpochReport Report(int epoch, double train, double? validation, double? accuracy, double rate, bool overfitting = false) => new()
    {
        Epoch = epoch,
        Epochs = 3,
        TrainLoss = train,
        ValidationLoss = validation,
        ValidationAccuracy = accuracy,
        LearningRate = rate,
        Seconds = 0.25 * epoch,
        Samples = 1000,
        Overfitting = overfitting,
    };

    private static TrainingHistory Sample()
    {
        var history = new TrainingHistory();
        history.Add(Report(1, 0.5, 0.25, 0.9, 0.001));
        history.Add(Report(2, 1.0 / 3, null, null, 1e-5));
        history.Add(Report(3, 0.125, 0.3, 0.875, 0.0005, overfitting: true));
        return history;
    }

    [Fact]
    public void The_CSV_has_a_header_and_one_invariant_row_per_epoch()
    {
        const string expected =
            "epoch,train_loss,validation_loss,validation_accuracy,learning_rate,seconds,samples,overfitting\n" +
            "1,0.5,0.25,0.9,0.001,0.25,1000,false\n" +
            "2,0.3333333333333333,,,1E-05,0.5,1000,false\n" +
            "3,0.125,0.3,0.875,0.0005,0.75,1000,true\n";
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a decimal comma must not leak in
            Assert.Equal(expected, Sample().ToCsv());

            string path = Path.Combine(_folder, "history.csv");
            Sample().SaveCsv(path);
            Assert.Equal(expected, File.ReadAllText(path));
            Assert.Equal(expected.Length, new FileInfo(path).Length); // ASCII, no byte-order mark
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_CSV_round_trips_every_double()
    {
        var history = new TrainingHistory();
        history.Add(Report(1, 0.1 + 0.2, Math.PI, 1.0 / 7, 3e-7));
        string[] row = history.ToCsv().Split('\n')[1].Split(',');
        Assert.Equal(0.1 + 0.2, double.Parse(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(Math.PI, double.Parse(row[2], CultureInfo.InvariantCulture));
        Assert.Equal(1.0 / 7, double.Parse(row[3], CultureInfo.InvariantCulture));
        Assert.Equal(3e-7, double.Parse(row[4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Saving_replaces_a_file_atomically_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "history.csv");
        File.WriteAllText(path, "old content that is longer than the new one, much longer, really much longer than it\n");
        var history = new TrainingHistory();
        history.Add(Report(1, 0.5, null, null, 0.1));
        history.SaveCsv(path);
        Assert.Equal(history.ToCsv(), File.ReadAllText(path));
        history.SavePlot(Path.Combine(_folder, "curves.png"), 400, 300);
        Assert.Equal(new[] { "curves.png", "history.csv" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Saving_into_a_missing_folder_names_it()
    {
        string path = Path.Combine(_folder, "missing", "history.csv");
        var error = Assert.Throws<DirectoryNotFoundException>(() => Sample().SaveCsv(path));
        Assert.Contains("missing", error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Sample().SavePlot(path));
        Assert.Throws<ArgumentException>(() => Sample().SaveCsv(" "));
        Assert.Throws<ArgumentNullException>(() => Sample().SavePlot(null!));
    }

    [Fact]
    public void The_plot_is_a_PNG_of_a_plausible_size()
    {
        string path = Path.Combine(_folder, "curves.png");
        Sample().SavePlot(path);
        byte[] png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
        Assert.InRange(png.Length, 10_000, 2_000_000);

        // The IHDR chunk gives the size asked for: 1000 × 900 by default.
        Assert.Equal(1000, ReadBigEndian(png, 16));
        Assert.Equal(900, ReadBigEndian(png, 20));

        Sample().SavePlot(path, 640, 480);
        byte[] small = File.ReadAllBytes(path);
        Assert.Equal(640, ReadBigEndian(small, 16));
        Assert.Equal(480, ReadBigEndian(small, 20));
    }

    [Fact]
    public void A_plot_needs_an_epoch_and_a_sane_size()
    {
        string path = Path.Combine(_folder, "curves.png");
        Assert.Throws<InvalidOperationException>(() => new TrainingHistory().SavePlot(path));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().SavePlot(path, 10, 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().SavePlot(path, 500, 100_000));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_real_run_plots_with_early_stopping_marked()
    {
        // Regression, so no accuracy panel; the best epoch is marked and the title says it stopped early.
        var model = new EarlyStoppingRegressor();
        TrainingHistory history = model.Fit(ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, 1.6f, 12));
        string path = Path.Combine(_folder, "run.png");
        history.SavePlot(path);
        Assert.True(new FileInfo(path).Length > 10_000);
        Assert.True(history.StoppedEarly);
        history.SaveCsv(Path.Combine(_folder, "run.csv"));
        Assert.Equal(history.Epochs.Count + 1, File.ReadAllLines(Path.Combine(_folder, "run.csv")).Length);
    }

    [Fact]
    public void Overfitting_is_flagged_when_validation_rises_two_epochs_while_training_falls()
    {
        // Learning y = 2x against a validation set of y = −2x: from epoch 3 on, the validation loss
        // has risen twice in a row while the training loss fell.
        var model = new PlateauRegressor();
        var output = new StringWriter();
        TrainingHistory history = Trainer.Fit(model, ScheduleTests.Line(64, 2f, 11), ScheduleTests.Line(32, -2f, 12), new ConsoleProgress(output, live: false));
        for (int i = 1; i < history.Epochs.Count; i++)
        {
            Assert.True(history.Epochs[i].TrainLoss < history.Epochs[i - 1].TrainLoss);
        }

        Assert.Equal(new[] { false, false, true, true, true, true, true, true, true, true }, history.Epochs.Select(e => e.Overfitting));
        string[] lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.DoesNotContain("overfitting", lines[1]);
        Assert.EndsWith("  overfitting: val_loss rising while loss falls", lines[2]);
    }

    [Fact]
    public void Falling_validation_loss_is_not_overfitting()
    {
        var model = new HeldOutRegressor();
        TrainingHistory history = model.Fit(ScheduleTests.Line(100, 2f, 13), ScheduleTests.Line(40, 2f, 14));
        Assert.All(history.Epochs, e => Assert.False(e.Overfitting));

        var tiny = new TinyRegressor();
        Assert.All(tiny.Fit(TinyData()).Epochs, e => Assert.False(e.Overfitting)); // no validation: never
    }

    [Fact]
    public void The_report_line_shows_overfitting()
    {
        EpochReport report = Report(3, 0.125, 0.3, null, 0.0005, overfitting: true);
        Assert.Equal("epoch 3/3  loss 0.1250  val_loss 0.3000  lr 0.0005  0.750s  1,333 samples/s  overfitting: val_loss rising while loss falls", report.ToString());
        Assert.DoesNotContain("overfitting", (report with { Overfitting = false }).ToString());
    }

    private static Dataset TinyData()
    {
        float[] x = TestData.Uniform(30, 5);
        return Dataset.FromArrays(x, 3, TestData.Uniform(20, 6), 2);
    }

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
