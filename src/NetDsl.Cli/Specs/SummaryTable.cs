using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Specs;

/// <summary>
/// Renders a <see cref="NetworkSummary"/> as a layer table (path, kind, output shape, parameters, multiply-adds, and
/// whether each module would be trained when freeze patterns are given) with totals. The output depends only on the summary (invariant culture, <c>\n</c> line ends), so it can be
/// embedded in documents and compared in tests.
/// </summary>
internal static class SummaryTable
{
    private static readonly string[] Headers = ["Layer", "Kind", "Output", "Parameters", "Multiply-adds"];

    /// <summary>The table in <paramref name="format"/>, with a Trainable column when <paramref name="trainability"/> is given.</summary>
    public static string Render(NetworkSummary summary, SummaryFormat format, Trainability? trainability = null) => format switch
    {
        SummaryFormat.Markdown => Markdown(summary, trainability),
        _ => Text(summary, trainability),
    };

    /// <summary><c>25,557,032</c>.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string[] HeadersFor(Trainability? trainability) => trainability is null ? Headers : [.. Headers, "Trainable"];

    private static List<string[]> Rows(NetworkSummary summary, Trainability? trainability) =>
        summary.Layers.Select(l => (string[])[l.Path, l.Kind, l.Output.ToString(), Number(l.Parameters), Number(l.MultiplyAdds), .. trainability is null ? [] : new[] { trainability.Of(l) }]).ToList();

    /// <summary>The totals row's Trainable cell: how many parameters would be trained.</summary>
    private static string[] TrainableTotal(Trainability? trainability) => trainability is null ? [] : [Number(trainability.TrainableParameters)];

    private static string TrainableLine(NetworkSummary summary, Trainability? trainability) => trainability is null
        ? string.Empty
        : $"\nTrainable: {Number(trainability.TrainableParameters)} of {Number(summary.Parameters)} parameters ({trainability.TrainableTensors} of {trainability.Tensors} tensors).\n";

    private static string Heading(NetworkSummary summary) =>
        $"{summary.Network}: input {summary.Input}, output {summary.Output}, {Number(summary.Parameters)} parameters, {Number(summary.MultiplyAdds)} multiply-adds";

    private static string Markdown(NetworkSummary summary, Trainability? trainability)
    {
        var text = new StringBuilder();
        text.Append("**").Append(Heading(summary)).Append("**\n\n");
        text.Append("| ").Append(string.Join(" | ", HeadersFor(trainability))).Append(" |\n");
        text.Append("| --- | --- | --- | ---: | ---: |").Append(trainability is null ? string.Empty : " --- |").Append('\n');
        foreach (var row in Rows(summary, trainability))
        {
            row[0] = "`" + row[0] + "`";
            text.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        text.Append("| **Total** | | ").Append(summary.Output).Append(" | **").Append(Number(summary.Parameters))
            .Append("** | **").Append(Number(summary.MultiplyAdds)).Append("** |");
        foreach (var cell in TrainableTotal(trainability))
        {
            text.Append(" **").Append(cell).Append("** |");
        }

        return text.Append('\n').Append(TrainableLine(summary, trainability)).ToString();
    }

    private static string Text(NetworkSummary summary, Trainability? trainability)
    {
        var headers = HeadersFor(trainability);
        var rows = Rows(summary, trainability);
        rows.Insert(0, headers);
        rows.Add(["Total", string.Empty, summary.Output.ToString(), Number(summary.Parameters), Number(summary.MultiplyAdds), .. TrainableTotal(trainability)]);
        var widths = Enumerable.Range(0, headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(Heading(summary)).Append('\n').Append('\n');
        for (var r = 0; r < rows.Count; r++)
        {
            if (r == rows.Count - 1)
            {
                text.Append(Rule(widths)).Append('\n');
            }

            text.Append(Line(rows[r], widths)).Append('\n');
            if (r == 0)
            {
                text.Append(Rule(widths)).Append('\n');
            }
        }

        return text.Append(TrainableLine(summary, trainability)).ToString();
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        // Names, kinds and yes/no read left to right; shapes and counts line up on the right.
        var parts = cells.Select((cell, c) => c is < 2 or > 4 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
        return string.Join("  ", parts).TrimEnd();
    }

    private static string Rule(int[] widths) => string.Join("  ", widths.Select(w => new string('-', w)));
}
