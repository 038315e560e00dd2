using System;
using System.Globalization;
using System.Text;

namespace NetDsl.Runtime.Metrics;

/// <summary>Counts of (actual class, predicted class) pairs; rows are actual classes, columns predictions.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <summary>Creates an empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        _counts = new long[classes, classes];
    }

    /// <summary>Number of classes.</summary>
    public int Classes => _counts.GetLength(0);

    /// <summary>How many images of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Total number of images counted.</summary>
    public long Total { get; private set; }

    /// <summary>Counts one prediction.</summary>
    public void Add(int actual, int predicted) => Add(actual, predicted, 1);

    /// <summary>Counts <paramref name="count"/> predictions of <paramref name="actual"/> as <paramref name="predicted"/>.</summary>
    public void Add(int actual, int predicted, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((uint)actual >= (uint)Classes || (uint)predicted >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(actual), $"Classes must be in [0, {Classes}); got actual {actual}, predicted {predicted}.");
        }

        _counts[actual, predicted] += count;
        Total += count;
    }

    /// <summary>Number of images whose actual class is <paramref name="actual"/>.</summary>
    public long Support(int actual)
    {
        long sum = 0;
        for (var p = 0; p < Classes; p++)
        {
            sum += _counts[actual, p];
        }

        return sum;
    }

    /// <summary>Fraction of the images of each class that were predicted correctly (recall); NaN for a class with no images.</summary>
    public double[] PerClassAccuracy()
    {
        var result = new double[Classes];
        for (var c = 0; c < Classes; c++)
        {
            var support = Support(c);
            result[c] = support == 0 ? double.NaN : (double)_counts[c, c] / support;
        }

        return result;
    }

    /// <summary>Fraction of all images predicted correctly.</summary>
    public double Accuracy()
    {
        long correct = 0;
        for (var c = 0; c < Classes; c++)
        {
            correct += _counts[c, c];
        }

        return Total == 0 ? double.NaN : (double)correct / Total;
    }

    /// <summary>The matrix as CSV with a header row and column of class names.</summary>
    public string ToCsv(System.Collections.Generic.IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var text = new StringBuilder("actual\\predicted");
        for (var p = 0; p < Classes; p++)
        {
            text.Append(',').Append(Csv.Escape(classNames[p]));
        }

        text.Append('\n');
        for (var a = 0; a < Classes; a++)
        {
            text.Append(Csv.Escape(classNames[a]));
            for (var p = 0; p < Classes; p++)
            {
                text.Append(',').Append(_counts[a, p].ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
