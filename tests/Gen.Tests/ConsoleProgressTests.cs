using System.IO;
using Xunit;

namespace Gen.Tests;

public sealed class ConsoleProgressTests
{
    private static EpochReport Report(int epoch) => new()
    {
        Epoch = epoch,
        Epochs = 2,
        TrainLoss = 0.5,
        ValidationLoss = 0.25,
        ValidationAccuracy = 0.9,
        LearningRate = 0.001,
        Seconds = 0.5,
        Samples = 1000,
    };

    [Fact]
    public void Redirected_output_gets_one_line_per_epoch_and_no_bar()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, live: false);
        progress.Report(new BatchProgress(1, 2, 5, 10, 0.7f));
        progress.Report(Report(1));
        progress.Report(Report(2));

        string[] lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("epoch 1/2  loss 0.5000  val_loss 0.2500  val_acc 90.00 %  lr 0.001  0.500s  2,000 samples/s", lines[0]);
        Assert.DoesNotContain("#", output.ToString());
    }

    [Fact]
    public void A_terminal_gets_a_live_bar_redrawn_in_place_then_the_epoch_line()
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, live: true);
        progress.Report(new BatchProgress(1, 2, 5, 10, 0.7f));
        progress.Report(new BatchProgress(1, 2, 5, 10, 0.7f)); // same percentage: not redrawn
        progress.Report(new BatchProgress(1, 2, 10, 10, 0.6f));
        progress.Report(Report(1));

        string text = output.ToString();
        Assert.Contains("\repoch 1/2 [###############...............]  50%  loss 0.7000", text);
        Assert.Contains("\repoch 1/2 [##############################] 100%  loss 0.6000", text);
        Assert.Equal(1, text.Split("50%").Length - 1);
        Assert.EndsWith("epoch 1/2  loss 0.5000  val_loss 0.2500  val_acc 90.00 %  lr 0.001  0.500s  2,000 samples/s\n", text);
    }
}
