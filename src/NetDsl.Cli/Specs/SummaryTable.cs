using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Language.Model;

namespace NetDsl.Cli.Specs;

/// <summary>
/// Renders a <see cref="NetworkSummary"/> as a layer table (path, kind, output shape, parameters, multiply-adds)
/// with totals. The output depends only on the summary (invariant culture, <c>\n</c> line ends), so it can be
/// embedded in documents and compared in tests.
/// </summary>
internal static class SummaryTable
{
    private static readonly string[] Headers = ["Layer", "Kind", "Output", "Parameters", "Multiply-adds"];

    /// <summary>The table in <paramref name="format"/>.</summary>
    public static string Render(NetworkSummary summary, SummaryFormat format) => format switch
    {
        SummaryFormat.Markdown => Markdown(summary),
        _ => Text(summary),
    };

    /// <summary><c>25,557,032</c>.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static List<string[]> Rows(NetworkSummary summary) =>
        summary.Layers.Select(l => new[] { l.Path, l.Kind, l.Output.ToString(), Number(l.Parameters), Number(l.MultiplyAdds) }).ToList();

    private static string Heading(NetworkSummary summary) =>
        $"{summary.Network}: input {summary.Input}, output {summary.Output}, {Number(summary.Parameters)} parameters, {Number(summary.MultiplyAdds)} multiply-adds";

    private static string Markdown(NetworkSummary summary)
    {
        var text = new StringBuilder();
        text.Append("**").Append(Heading(summary)).Append("**\n\n");
        text.Append("| ").Append(string.Join(" | ", Headers)).Append(" |\n");
        text.Append("| --- | --- | --- | ---: | ---: |\n");
        foreach (var row in Rows(summary))
        {
            row[0] = "`" + row[0] + "`";
            text.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        text.Append("| **Total** | | ").Append(summary.Output).Append(" | **").Append(Number(summary.Parameters))
            .Append("** | **").Append(Number(summary.MultiplyAdds)).Append("** |\n");
        return text.ToString();
    }

    private static string Text(NetworkSummary summary)
    {
        var rows = Rows(summary);
        rows.Insert(0, Headers);
        rows.Add(["Total", string.Empty, summary.Output.ToString(), Number(summary.Parameters), Number(summary.MultiplyAdds)]);
        var widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
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

        return text.ToString();
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        // Names and kinds read left to right; shapes and counts line up on the right.
        var parts = cells.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
        return string.Join("  ", parts).TrimEnd();
    }

    private static string Rule(int[] widths) => string.Join("  ", widths.Select(w => new string('-', w)));
}
