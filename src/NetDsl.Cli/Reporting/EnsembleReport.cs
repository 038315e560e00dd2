using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Ensembles;
using NetDsl.Runtime.Metrics;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Cli.Reporting;

/// <summary>Prints each member's and the ensemble's loss and top-k errors side by side, and what the ensemble gains.</summary>
internal static class EnsembleReport
{
    /// <summary>Writes the table for <paramref name="result"/>; <paramref name="modelNames"/> names each member's network.</summary>
    public static void Write(TextWriter output, string dataName, EnsembleResult result, IReadOnlyList<string> modelNames)
    {
        var ensemble = result.Ensemble.Summary;
        output.WriteLine($"Ensemble of {result.Members.Count} networks on {dataName} ({ensemble.Count} test images), averaging their softmax outputs:");
        output.WriteLine();
        output.Write(Table(result, modelNames));
        var best = result.Members.MinBy(m => m.Result.Summary.Top1Error)!;
        var gain = best.Result.Summary.Top1Error - ensemble.Top1Error;
        output.WriteLine();
        output.WriteLine(gain > 0
            ? $"The ensemble's top-1 error is {gain * 100:F2} points below its best member's ({best.Name}, {RunComparison.Percent(best.Result.Summary.Top1Error)})."
            : $"The ensemble's top-1 error is not below its best member's ({best.Name}, {RunComparison.Percent(best.Result.Summary.Top1Error)}), by {-gain * 100:F2} points.");
    }

    /// <summary>One row per member and one for the ensemble: loss and every reported top-k error.</summary>
    public static MarkdownTable Table(EnsembleResult result, IReadOnlyList<string> modelNames)
    {
        var ks = result.Ensemble.Summary.TopErrors.Select(t => t.K).ToList();
        var table = new MarkdownTable([("member", false), ("network", false), ("loss", true), .. ks.Select(k => ($"top-{k} error", true))]);
        IEnumerable<string> Figures(MetricsSummary s) => [s.Loss.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), .. ks.Select(k => RunComparison.Percent(s.TopError(k)))];
        for (var i = 0; i < result.Members.Count; i++)
        {
            table.Add([result.Members[i].Name, modelNames[i], .. Figures(result.Members[i].Result.Summary)]);
        }

        table.Add([$"ensemble (mean of {result.Members.Count} softmax outputs)", "", .. Figures(result.Ensemble.Summary)]);
        return table;
    }
}
