using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// A table printed as GitHub Markdown with padded columns, so it reads as a table in a terminal and pastes into a
/// document as one.
/// </summary>
public sealed class MarkdownTable
{
    private readonly IReadOnlyList<(string Header, bool AlignRight)> _columns;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with <paramref name="columns"/>: each a header and whether its cells align right (numbers).</summary>
    public MarkdownTable(params (string Header, bool AlignRight)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfZero(columns.Length);
        _columns = columns;
    }

    /// <summary>Adds a row of one cell per column; a <c>|</c> in a cell is escaped.</summary>
    /// <exception cref="ArgumentException">The row has another number of cells.</exception>
    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"The table has {_columns.Count} columns but the row has {cells.Length} cells.", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))]);
    }

    /// <summary>The table: a header row, the alignment row and one line per row, each ending in <c>\n</c>.</summary>
    public override string ToString()
    {
        var widths = _columns.Select((c, i) => Math.Max(Math.Max(c.Header.Length, 3), _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IEnumerable<string> cells) => text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
        Line(_columns.Select((c, i) => c.AlignRight ? c.Header.PadLeft(widths[i]) : c.Header.PadRight(widths[i])));
        Line(_columns.Select((c, i) => c.AlignRight ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i])));
        foreach (var row in _rows)
        {
            Line(row.Select((cell, i) => _columns[i].AlignRight ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
        }

        return text.ToString();
    }
}
