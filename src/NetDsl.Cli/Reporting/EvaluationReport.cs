using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Reporting;

/// <summary>Prints an evaluation: loss, the top-k errors, per-class accuracy and the confusion matrix.</summary>
internal static class EvaluationReport
{
    /// <summary>Writes the report for <paramref name="result"/> on <paramref name="split"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, string split, EvaluationResult result, IReadOnlyList<string> classNames)
    {
        var summary = result.Summary;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{split}: {summary.Count} images, loss {summary.Loss:F4}{string.Concat(summary.TopErrors.Select(e => string.Create(CultureInfo.InvariantCulture, $", top-{e.K} error {e.Error:P2}")))}"));
        output.WriteLine();
        var labels = classNames.Select((name, c) => c.ToString(CultureInfo.InvariantCulture) + " " + name).ToList();
        var width = labels.Max(l => l.Length);
        output.WriteLine("Per-class accuracy:");
        for (var c = 0; c < classNames.Count; c++)
        {
            var accuracy = summary.PerClassAccuracy[c];
            var text = double.IsNaN(accuracy) ? "n/a" : accuracy.ToString("P2", CultureInfo.InvariantCulture);
            output.WriteLine($"  {labels[c].PadRight(width)}  {text,8}  ({result.Confusion.Support(c)} images)");
        }

        output.WriteLine();
        output.WriteLine("Confusion matrix (rows: actual, columns: predicted):");
        var cell = Math.Max(4, result.Confusion.Total.ToString(CultureInfo.InvariantCulture).Length);
        output.WriteLine("  " + new string(' ', width) + string.Concat(Enumerable.Range(0, classNames.Count).Select(c => " " + c.ToString(CultureInfo.InvariantCulture).PadLeft(cell))));
        for (var actual = 0; actual < classNames.Count; actual++)
        {
            var counts = Enumerable.Range(0, classNames.Count)
                .Select(p => " " + result.Confusion[actual, p].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            output.WriteLine($"  {labels[actual].PadRight(width)}{string.Concat(counts)}");
        }
    }
}
