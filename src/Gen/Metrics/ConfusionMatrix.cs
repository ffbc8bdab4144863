using System;
using System.Globalization;
using System.Text;

namespace Gen;

/// <summary>
/// How often each actual class was predicted as each class. Rows are actual classes, columns
/// predicted classes. Immutable.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>A matrix of the given counts, <c>counts[actual, predicted]</c> (copied).</summary>
    /// <exception cref="ArgumentException">The matrix is not square, is empty, or holds a negative count.</exception>
    public ConfusionMatrix(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int classes = counts.GetLength(0);
        if (classes == 0 || counts.GetLength(1) != classes)
        {
            throw new ArgumentException($"A confusion matrix is square with at least one class; this one is {counts.GetLength(0)} × {counts.GetLength(1)}.", nameof(counts));
        }

        _counts = (int[,])counts.Clone();
        long total = 0;
        foreach (int count in _counts)
        {
            if (count < 0)
            {
                throw new ArgumentException($"A count is {count}; counts cannot be negative.", nameof(counts));
            }

            total += count;
        }

        Classes = classes;
        Total = total;
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The number of samples counted.</summary>
    public long Total { get; }

    /// <summary>The samples of class <paramref name="actual"/> that were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted]
    {
        get
        {
            CheckClass(actual, nameof(actual));
            CheckClass(predicted, nameof(predicted));
            return _counts[actual, predicted];
        }
    }

    /// <summary>The share of samples predicted as their actual class (0 for an empty matrix).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < Classes; c++)
            {
                correct += _counts[c, c];
            }

            return Total == 0 ? 0 : (double)correct / Total;
        }
    }

    /// <summary>The samples whose actual class is <paramref name="class"/> (its row sum).</summary>
    public long Support(int @class)
    {
        CheckClass(@class, nameof(@class));
        long sum = 0;
        for (int p = 0; p < Classes; p++)
        {
            sum += _counts[@class, p];
        }

        return sum;
    }

    /// <summary>The samples predicted as <paramref name="class"/> (its column sum).</summary>
    public long Predicted(int @class)
    {
        CheckClass(@class, nameof(@class));
        long sum = 0;
        for (int a = 0; a < Classes; a++)
        {
            sum += _counts[a, @class];
        }

        return sum;
    }

    /// <summary>
    /// Of the samples predicted as <paramref name="class"/>, the share that are of it:
    /// TP / (TP + FP). 0 when the class is never predicted (as scikit-learn's default).
    /// </summary>
    public double Precision(int @class)
    {
        long predicted = Predicted(@class);
        return predicted == 0 ? 0 : (double)_counts[@class, @class] / predicted;
    }

    /// <summary>
    /// Of the samples of <paramref name="class"/>, the share predicted as it: TP / (TP + FN).
    /// 0 when the class has no sample (as scikit-learn's default).
    /// </summary>
    public double Recall(int @class)
    {
        long support = Support(@class);
        return support == 0 ? 0 : (double)_counts[@class, @class] / support;
    }

    /// <summary>The harmonic mean of <see cref="Precision"/> and <see cref="Recall"/>; 0 when both are 0.</summary>
    public double F1(int @class)
    {
        double precision = Precision(@class);
        double recall = Recall(@class);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /// <summary>A copy of the counts, <c>[actual, predicted]</c>.</summary>
    public int[,] ToArray() => (int[,])_counts.Clone();

    /// <summary>
    /// A text table: one row per actual class with its counts per predicted class and its recall,
    /// then a row of each predicted class's precision, then the accuracy.
    /// </summary>
    public override string ToString()
    {
        int width = 9;
        foreach (int count in _counts)
        {
            width = Math.Max(width, count.ToString(CultureInfo.InvariantCulture).Length + 2);
        }

        const string corner = "actual \\ predicted";
        var text = new StringBuilder();
        text.Append(corner);
        for (int p = 0; p < Classes; p++)
        {
            text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }

        text.Append("   recall".PadLeft(width + 3)).Append('\n');
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a.ToString(CultureInfo.InvariantCulture).PadLeft(corner.Length));
            for (int p = 0; p < Classes; p++)
            {
                text.Append(_counts[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.Append(Percent(Recall(a)).PadLeft(width + 3)).Append('\n');
        }

        text.Append("precision".PadLeft(corner.Length));
        for (int p = 0; p < Classes; p++)
        {
            text.Append(Percent(Precision(p)).PadLeft(width));
        }

        text.Append('\n').Append(CultureInfo.InvariantCulture, $"accuracy {Percent(Accuracy)} of {Total} samples");
        return text.ToString();
    }

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private void CheckClass(int @class, string parameter)
    {
        if ((uint)@class >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(parameter, @class, $"Expected a class from 0 to {Classes - 1}.");
        }
    }
}
