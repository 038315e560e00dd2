using System.Collections.Generic;
using System.Text;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// Prints a diagram's nodes as a Mermaid flowchart (top to bottom) in a Markdown code fence, for READMEs and
/// issues: layers are boxes, concat and add are rounded, block uses are subgraphs, skips are dotted edges.
/// Node ids are numbered in drawing order, so the same network always prints the same text.
/// </summary>
internal sealed class MermaidDiagram
{
    private const string Solid = "-->";
    private const string Dotted = "-.->";

    private readonly StringBuilder _text = new();
    private int _next;
    private int _depth = 1;

    private MermaidDiagram()
    {
    }

    /// <summary>The Markdown of <paramref name="root"/>, under a caption line.</summary>
    public static string Print(Node root, string caption)
    {
        var diagram = new MermaidDiagram();
        diagram._text.Append("**").Append(caption).Append("**\n\n```mermaid\nflowchart TD\n");
        diagram.Emit(root, null);
        diagram._text.Append("```\n");
        return diagram._text.ToString();
    }

    /// <summary>
    /// Prints <paramref name="node"/>, joined to the node <paramref name="from"/> by <paramref name="arrow"/>, and
    /// returns the id its output leaves from.
    /// </summary>
    private string? Emit(Node node, string? from, string arrow = Solid)
    {
        switch (node)
        {
            case LayerNode layer:
                return Vertex("[\"", layer.Label, layer.Output, "\"]", from, arrow);
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                {
                    from = Emit(item, from, arrow);
                    arrow = Solid;
                }

                return from;
            case GroupNode group:
                Line($"subgraph g{_next++}[\"{Escape(group.Heading)}{(group.Paths.Length > 0 ? " · " + Escape(group.Paths) : string.Empty)}\"]");
                _depth++;
                Line("direction TB");
                var exit = Emit(group.Body, from, arrow);
                _depth--;
                Line("end");
                return exit;
            case ConcatNode concat:
                var ends = new List<string?>();
                foreach (var branch in concat.Branches)
                {
                    ends.Add(Emit(branch, from, arrow));
                }

                var merge = Vertex("([\"", "concat", concat.Output, "\"])", null, Solid);
                ends.ForEach(end => Edge(end, merge, Solid));
                return merge;
            case ResidualNode residual:
                var body = Emit(residual.Body, from, arrow);
                var skip = residual.Shortcut is null ? from : Emit(residual.Shortcut, from, Dotted);
                var add = Vertex("([\"", residual.Then.Length == 0 ? "add" : "add" + Labels.Then + residual.Then, residual.Output, "\"])", null, Solid);
                Edge(body, add, residual.Scale.Length == 0 ? Solid : Solid + "|" + residual.Scale + "|");
                Edge(skip, add, Dotted);
                return add;
            case AuxNode aux:
                Emit(aux.Head, from, Dotted + "|" + Escape(aux.Name) + "|");
                return from;
            default:
                throw new System.InvalidOperationException("unknown node " + node.GetType().Name);
        }
    }

    private string Vertex(string open, string label, Model.TensorShape output, string close, string? from, string arrow)
    {
        var id = "n" + _next++;
        Line(id + open + Escape(label) + "<br/>" + Labels.Shape(output) + close);
        Edge(from, id, arrow);
        return id;
    }

    private void Edge(string? from, string? to, string arrow)
    {
        if (from is not null && to is not null)
        {
            Line(from + " " + arrow + " " + to);
        }
    }

    private void Line(string line) => _text.Append(' ', 2 * _depth).Append(line).Append('\n');

    private static string Escape(string text) => text.Replace("\"", "#quot;");
}
