using System;
using System.IO;

namespace Gen;

/// <summary>
/// Shows training on the console: on a terminal, a live bar redrawn in place during each epoch;
/// redirected to a file or pipe, one line per epoch only, so logs stay clean.
/// </summary>
public sealed class ConsoleProgress : IProgress<EpochReport>, IProgress<BatchProgress>
{
    private const int BarWidth = 30;
    private readonly TextWriter _output;
    private readonly bool _live;
    private int _lastDrawnPercent = -1;

    /// <summary>Writes to the console; a live bar only when standard output is a terminal.</summary>
    public ConsoleProgress()
        : this(Console.Out, live: !Console.IsOutputRedirected)
    {
    }

    /// <summary>Writes to <paramref name="output"/>, with or without the live bar.</summary>
    public ConsoleProgress(TextWriter output, bool live)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _live = live;
    }

    /// <inheritdoc />
    public void Report(BatchProgress value)
    {
        if (!_live)
        {
            return;
        }

        int percent = value.Batch * 100 / Math.Max(1, value.Batches);
        if (percent == _lastDrawnPercent)
        {
            return; // Redraw only when the bar moves: a console write per step would slow training.
        }

        _lastDrawnPercent = percent;
        int filled = percent * BarWidth / 100;
        _output.Write($"\repoch {value.Epoch}/{value.Epochs} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,3}%  loss {value.Loss:F4}");
    }

    /// <inheritdoc />
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_live)
        {
            _output.Write("\r" + new string(' ', BarWidth + 48) + "\r");
            _lastDrawnPercent = -1;
        }

        _output.WriteLine(value.ToString());
    }
}
