using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetDsl.Runtime.Reporting;

/// <summary>The table of several runs' final and best figures, as <c>netdsl compare</c> prints it.</summary>
public static class RunComparison
{
    /// <summary>
    /// One row per run: epochs, wall time, the final training top-1 error and validation loss and top-k errors (every
    /// k the runs report), and the best validation top-1 error with its epoch.
    /// </summary>
    public static MarkdownTable Table(IReadOnlyList<RunHistory> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var figures = runs.Select(RunFigures.Of).ToList();
        var ks = figures.SelectMany(f => f.FinalValidation?.TopErrors ?? []).Select(t => t.K).Distinct().Order().ToList();
        var table = new MarkdownTable(
            [("run", false), ("epochs", true), ("wall time", true), ("final train top-1", true), ("final val loss", true),
            .. ks.Select(k => ($"final val top-{k}", true)), ("best val top-1 (epoch)", true)]);
        foreach (var f in figures)
        {
            var v = f.FinalValidation;
            table.Add(
            [
                f.Label, f.Epochs.ToString(CultureInfo.InvariantCulture), Duration(f.Seconds), Percent(f.FinalTrain.Top1Error),
                v is null ? "" : v.Loss.ToString("F4", CultureInfo.InvariantCulture),
                .. ks.Select(k => Percent(v?.TopError(k))),
                f.BestValidation is { } b ? $"{Percent(b.Top1Error)} ({f.BestEpoch + 1})" : "",
            ]);
        }

        return table;
    }

    /// <summary>A fraction as a percentage with two decimals (<c>8.12 %</c>); empty for none.</summary>
    public static string Percent(double? fraction) => fraction?.ToString("P2", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Seconds as a person reads them: <c>48 s</c>, <c>12.5 min</c>.</summary>
    public static string Duration(double seconds) =>
        seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s") : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min");
}
