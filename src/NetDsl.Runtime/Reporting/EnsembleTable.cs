using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Runtime.Ensembles;
using NetDsl.Runtime.Metrics;

namespace NetDsl.Runtime.Reporting;

/// <summary>Each ensemble member's and the ensemble's loss and top-k errors side by side.</summary>
public static class EnsembleTable
{
    /// <summary>One row per member (its name and network) and one for the ensemble, with every top-k error the result reports.</summary>
    /// <param name="result">The evaluation.</param>
    /// <param name="networks">Each member's network, in the members' order.</param>
    /// <exception cref="ArgumentException">There is not one network per member.</exception>
    public static MarkdownTable Of(EnsembleResult result, IReadOnlyList<string> networks)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(networks);
        if (networks.Count != result.Members.Count)
        {
            throw new ArgumentException($"The ensemble has {result.Members.Count} members but {networks.Count} networks were named.", nameof(networks));
        }

        var ks = result.Ensemble.Summary.TopErrors.Select(t => t.K).ToList();
        var table = new MarkdownTable([("member", false), ("network", false), ("loss", true), .. ks.Select(k => ($"top-{k} error", true))]);
        IEnumerable<string> Figures(MetricsSummary s) => [s.Loss.ToString("F4", CultureInfo.InvariantCulture), .. ks.Select(k => RunComparison.Percent(s.TopError(k)))];
        for (var i = 0; i < result.Members.Count; i++)
        {
            table.Add([result.Members[i].Name, networks[i], .. Figures(result.Members[i].Result.Summary)]);
        }

        table.Add([$"ensemble (mean of {result.Members.Count} softmax outputs)", "", .. Figures(result.Ensemble.Summary)]);
        return table;
    }

    /// <summary>How far the ensemble's top-1 error is below its best member's, in a sentence.</summary>
    public static string Gain(EnsembleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var best = result.Members.MinBy(m => m.Result.Summary.Top1Error)!;
        var gain = best.Result.Summary.Top1Error - result.Ensemble.Summary.Top1Error;
        var member = $"its best member's ({best.Name}, {RunComparison.Percent(best.Result.Summary.Top1Error)})";
        return gain > 0
            ? string.Create(CultureInfo.InvariantCulture, $"The ensemble's top-1 error is {gain * 100:F2} points below {member}.")
            : string.Create(CultureInfo.InvariantCulture, $"The ensemble's top-1 error is not below {member}: it is {-gain * 100:F2} points above.");
    }
}
