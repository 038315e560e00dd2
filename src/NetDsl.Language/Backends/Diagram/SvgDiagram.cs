using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// Draws a diagram's nodes as SVG, top to bottom: each node is measured first (its width either side of the line
/// the tensor runs down, and its height), then drawn with that line at one x for the whole chain, so arrows are
/// straight. Concat branches stand side by side between a fork and a merge; a residual's skip runs down its right
/// side, through its shortcut module if it has one, into the addition.
/// </summary>
internal sealed class SvgDiagram
{
    private const int Margin = 16;
    private const int BoxHeight = 36;
    private const int Gap = 16;
    private const int Fork = 20;
    private const int BranchGap = 12;
    private const int GroupPad = 8;
    private const int TitleHeight = 22;
    private const int SkipGap = 16;
    private const int Deck = 4;
    private const int LabelSize = 12;
    private const int ShapeSize = 11;
    private const string Line = "#475569";
    private const string Skip = "#e11d48";

    /// <summary>What every element of one kind shares, said once.</summary>
    private const string Style =
        "text{fill:#0f172a}.l,.s{text-anchor:middle}.s,.n{font-size:11px;fill:#475569}.n{fill:#64748b}.h{font-weight:bold;fill:#1e293b}"
        + ".k{font-size:11px;fill:" + Skip + "}.cap{font-size:14px;font-weight:bold}"
        + "rect{stroke:#64748b}.bg{fill:#ffffff;stroke:none}.g{fill:#f8fafc;stroke:#94a3b8}.t{fill:#e2e8f0}.c{fill:#dbeafe}.p{fill:#dcfce7}.f{fill:#fef3c7}.o{fill:#f1f5f9}.m{fill:#ede9fe}.r{fill:#ffe4e6}"
        + "polyline{fill:none;stroke:" + Line + ";stroke-width:1.2}polyline.k{fill:none;stroke:" + Skip + ";stroke-width:1.5}.d{stroke-dasharray:4 3}";

    private readonly Dictionary<Node, Extent> _extents = new();
    private readonly SvgWriter _svg = new();

    private SvgDiagram()
    {
    }

    /// <summary>The SVG document of <paramref name="root"/> under a caption of two lines.</summary>
    public static string Draw(Node root, string caption, string legend)
    {
        var diagram = new SvgDiagram();
        var extent = diagram.Measure(root);
        var captionHeight = 44;
        var width = Math.Max(extent.Width, Math.Max(TextWidth.Of(caption, 14, bold: true), TextWidth.Of(legend, ShapeSize))) + (2 * Margin);
        var height = captionHeight + extent.Height + (2 * Margin);
        var svg = diagram._svg;
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", width), ("height", height), ("viewBox", $"0 0 {width} {height}"), ("font-family", "DejaVu Sans, Verdana, sans-serif"), ("font-size", LabelSize));
        svg.Text("title", caption);
        svg.Text("style", Style);
        svg.Open("defs");
        Marker(svg, "arrow", Line);
        Marker(svg, "skip", Skip);
        svg.Close();
        svg.Empty("rect", ("class", "bg"), ("width", width), ("height", height));
        svg.Text("text", caption, ("class", "cap"), ("x", Margin), ("y", Margin + 12));
        svg.Text("text", legend, ("class", "n"), ("x", Margin), ("y", Margin + 30));
        diagram.Node(root, Margin + extent.Left, Margin + captionHeight);
        svg.Close();
        return svg.ToString();
    }

    private static void Marker(SvgWriter svg, string id, string colour)
    {
        svg.Open("marker", ("id", id), ("viewBox", "0 0 8 8"), ("refX", 8), ("refY", 4), ("markerWidth", 7), ("markerHeight", 7), ("orient", "auto"));
        svg.Empty("path", ("d", "M0,0 L8,4 L0,8 z"), ("fill", colour));
        svg.Close();
    }

    private Extent Measure(Node node)
    {
        if (_extents.TryGetValue(node, out var known))
        {
            return known;
        }

        var extent = node switch
        {
            LayerNode layer => Centred(BoxWidth(layer.Label, Labels.Shape(layer.Output)), BoxHeight),
            SequenceNode sequence => MeasureSequence(sequence),
            GroupNode group => MeasureGroup(group),
            ConcatNode concat => MeasureConcat(concat),
            ResidualNode residual => MeasureResidual(residual),
            AuxNode aux => new Extent(4, SkipGap + Measure(aux.Head).Width, Fork + Measure(aux.Head).Height),
            _ => throw new InvalidOperationException("unknown node " + node.GetType().Name),
        };
        _extents[node] = extent;
        return extent;
    }

    private Extent MeasureSequence(SequenceNode sequence)
    {
        var items = sequence.Items.Select(Measure).ToList();
        return items.Count == 0
            ? new Extent(0, 0, 0)
            : new Extent(items.Max(e => e.Left), items.Max(e => e.Right), items.Sum(e => e.Height) + (Gap * (items.Count - 1)));
    }

    private Extent MeasureGroup(GroupNode group)
    {
        var body = Measure(group.Body);
        var inner = Math.Max(body.Width, TitleWidth(group));
        var deck = group.Count > 1 ? 2 * Deck : 0;
        return new Extent(GroupPad + body.Left, inner - body.Left + GroupPad + deck, TitleHeight + body.Height + GroupPad + deck);
    }

    private Extent MeasureConcat(ConcatNode concat)
    {
        var branches = concat.Branches.Select(Measure).ToList();
        var width = Math.Max(BranchesWidth(branches), MergeWidth("concat", concat.Output));
        return Centred(width, Fork + branches.Max(b => b.Height) + Fork + BoxHeight);
    }

    private Extent MeasureResidual(ResidualNode residual)
    {
        var body = Measure(residual.Body);
        var add = MergeWidth(AddLabel(residual), residual.Output);
        var shortcut = residual.Shortcut is null ? new Extent(0, 4, 0) : Measure(residual.Shortcut);
        var right = SkipOffset(residual) + shortcut.Right;
        return new Extent(Math.Max(body.Left, add / 2), right, Fork + Math.Max(body.Height, shortcut.Height) + Gap + BoxHeight);
    }

    /// <summary>How far right of the line the skip runs: past the body and the addition's box, through the shortcut's own line.</summary>
    private int SkipOffset(ResidualNode residual)
    {
        var add = MergeWidth(AddLabel(residual), residual.Output);
        return Math.Max(Measure(residual.Body).Right, add - (add / 2)) + SkipGap + (residual.Shortcut is null ? 0 : Measure(residual.Shortcut).Left);
    }

    private void Node(Node node, int x, int y)
    {
        switch (node)
        {
            case LayerNode layer:
                Box(layer.Label, layer.Output, layer.Path, Fill(layer), x, y, rounded: false);
                break;
            case SequenceNode sequence:
                DrawSequence(sequence, x, y);
                break;
            case GroupNode group:
                DrawGroup(group, x, y);
                break;
            case ConcatNode concat:
                DrawConcat(concat, x, y);
                break;
            case ResidualNode residual:
                DrawResidual(residual, x, y);
                break;
            case AuxNode aux:
                DrawAux(aux, x, y);
                break;
        }
    }

    private void DrawSequence(SequenceNode sequence, int x, int y)
    {
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var height = Measure(sequence.Items[i]).Height;
            Node(sequence.Items[i], x, y);
            y += height;
            if (i + 1 < sequence.Items.Count)
            {
                Arrow(Line, EntersBox(sequence.Items[i + 1]), (x, y), (x, y + Gap));
                y += Gap;
            }
        }
    }

    private void DrawGroup(GroupNode group, int x, int y)
    {
        var extent = Measure(group);
        var deck = group.Count > 1 ? 2 * Deck : 0;
        var (left, width, height) = (x - extent.Left, extent.Width - deck, extent.Height - deck);
        for (var offset = deck; offset > 0; offset -= Deck)
        {
            _svg.Empty("rect", ("class", "g"), ("x", left + offset), ("y", y + offset), ("width", width), ("height", height), ("rx", 6));
        }

        _svg.Empty("rect", ("class", "g"), ("x", left), ("y", y), ("width", width), ("height", height), ("rx", 6), ("fill-opacity", "0.6"));
        _svg.Open("text", ("x", left + GroupPad), ("y", y + 15));
        _svg.Text("tspan", group.Heading, ("class", "h"));
        if (group.Paths.Length > 0)
        {
            _svg.Text("tspan", "  " + group.Paths, ("class", "n"));
        }

        _svg.Close();

        // The tensor's line runs on through the title row where the title leaves room for it.
        if (left + TitleWidth(group) < x - 4)
        {
            var body = Measure(group.Body);
            Arrow(Line, EntersBox(group.Body), (x, y), (x, y + TitleHeight));
            Polyline(Line, false, (x, y + TitleHeight + body.Height), (x, y + height));
        }

        Node(group.Body, x, y + TitleHeight);
    }

    private void DrawConcat(ConcatNode concat, int x, int y)
    {
        var extents = concat.Branches.Select(Measure).ToList();
        var tallest = extents.Max(e => e.Height);
        var left = x - (BranchesWidth(extents) / 2);
        var axes = new List<int>();
        foreach (var extent in extents)
        {
            axes.Add(left + extent.Left);
            left += extent.Width + BranchGap;
        }

        var (fork, merge) = (y + (Fork / 2), y + Fork + tallest + (Fork / 2));
        Polyline(Line, false, (x, y), (x, fork));
        Polyline(Line, false, (Math.Min(axes[0], x), fork), (Math.Max(axes[axes.Count - 1], x), fork));
        Polyline(Line, false, (Math.Min(axes[0], x), merge), (Math.Max(axes[axes.Count - 1], x), merge));
        for (var i = 0; i < axes.Count; i++)
        {
            Arrow(Line, true, (axes[i], fork), (axes[i], y + Fork));
            Node(concat.Branches[i], axes[i], y + Fork);
            Polyline(Line, false, (axes[i], y + Fork + extents[i].Height), (axes[i], merge));
        }

        var box = y + Fork + tallest + Fork;
        Arrow(Line, true, (x, merge), (x, box));
        Box("concat", concat.Output, string.Empty, "m", x, box, rounded: true);
    }

    private void DrawResidual(ResidualNode residual, int x, int y)
    {
        var body = Measure(residual.Body);
        var shortcut = residual.Shortcut is null ? new Extent(0, 0, 0) : Measure(residual.Shortcut);
        var span = Math.Max(body.Height, shortcut.Height);
        var add = y + Fork + span + Gap;
        var addWidth = MergeWidth(AddLabel(residual), residual.Output);
        var addHalf = addWidth - (addWidth / 2);
        var skip = x + SkipOffset(residual);
        var (fork, middle) = (y + (Fork / 2), add + (BoxHeight / 2));
        Arrow(Line, EntersBox(residual.Body), (x, y), (x, y + Fork));
        Node(residual.Body, x, y + Fork);
        Arrow(Line, true, (x, y + Fork + body.Height), (x, add));
        if (residual.Scale.Length > 0)
        {
            _svg.Text("text", residual.Scale, ("class", "k"), ("x", x + 5), ("y", add - 5));
        }

        if (residual.Shortcut is null)
        {
            Arrow(Skip, true, (x, fork), (skip, fork), (skip, middle), (x + addHalf, middle));
        }
        else
        {
            var top = y + Fork + ((span - shortcut.Height) / 2);
            Arrow(Skip, true, (x, fork), (skip, fork), (skip, top));
            Node(residual.Shortcut, skip, top);
            Arrow(Skip, true, (skip, top + shortcut.Height), (skip, middle), (x + addHalf, middle));
        }

        Box(AddLabel(residual), residual.Output, string.Empty, "r", x, add, rounded: true);
    }

    private void DrawAux(AuxNode aux, int x, int y)
    {
        var head = Measure(aux.Head);
        var axis = x + SkipGap + head.Left;
        Polyline(Line, false, (x, y), (x, y + head.Height + Fork));
        _svg.Open("g", ("class", "d"));
        Arrow(Line, true, (x, y + (Fork / 2)), (axis, y + (Fork / 2)), (axis, y + Fork));
        _svg.Close();
        _svg.Text("text", "auxiliary head " + aux.Name, ("class", "n"), ("x", x + 6), ("y", y + (Fork / 2) - 3));
        Node(aux.Head, axis, y + Fork);
    }

    private void Box(string label, Model.TensorShape output, string path, string style, int x, int y, bool rounded)
    {
        var width = rounded ? MergeWidth(label, output) : BoxWidth(label, Labels.Shape(output));
        _svg.Open("g");
        if (path.Length > 0)
        {
            _svg.Text("title", path);
        }

        _svg.Empty("rect", ("class", style), ("x", x - (width / 2)), ("y", y), ("width", width), ("height", BoxHeight), ("rx", rounded ? 14 : 4));
        _svg.Text("text", label, ("class", "l"), ("x", x), ("y", y + 15));
        _svg.Text("text", Labels.Shape(output), ("class", "s"), ("x", x), ("y", y + 29));
        _svg.Close();
    }

    private void Arrow(string colour, bool head, params (int X, int Y)[] points) => Polyline(colour, head, points);

    private void Polyline(string colour, bool head, params (int X, int Y)[] points)
    {
        var attributes = new List<(string, object)> { ("points", string.Join(" ", points.Select(p => p.X + "," + p.Y))) };
        if (colour == Skip)
        {
            attributes.Insert(0, ("class", "k"));
        }

        if (head)
        {
            attributes.Add(("marker-end", colour == Skip ? "url(#skip)" : "url(#arrow)"));
        }

        _svg.Empty("polyline", attributes.ToArray());
    }

    /// <summary>Whether the first thing drawn for <paramref name="node"/> is a box an arrow points at (a concat or a residual draws its own fork).</summary>
    private static bool EntersBox(Node node) => node switch
    {
        LayerNode or GroupNode => true,
        SequenceNode sequence => sequence.Items.Count > 0 && EntersBox(sequence.Items[0]),
        _ => false,
    };

    private static string Fill(LayerNode layer) => layer.Role switch
    {
        LayerRole.Terminal => "t",
        LayerRole.Conv => "c",
        LayerRole.Pool => "p",
        LayerRole.Linear => "f",
        _ => "o",
    };

    private static string AddLabel(ResidualNode residual) => residual.Then.Length == 0 ? "add" : "add" + Labels.Then + residual.Then;

    private static int TitleWidth(GroupNode group) =>
        TextWidth.Of(group.Heading, LabelSize, bold: true) + (group.Paths.Length == 0 ? 0 : TextWidth.Of("  " + group.Paths, ShapeSize)) + (2 * GroupPad);

    private static int BoxWidth(string label, string shape) => Math.Max(64, Math.Max(TextWidth.Of(label, LabelSize), TextWidth.Of(shape, ShapeSize)) + 16);

    private static int MergeWidth(string label, Model.TensorShape output) => BoxWidth(label, Labels.Shape(output)) + 12;

    private static int BranchesWidth(IReadOnlyList<Extent> branches) => branches.Sum(b => b.Width) + (BranchGap * (branches.Count - 1));

    private static Extent Centred(int width, int height) => new(width / 2, width - (width / 2), height);

    /// <summary>A node's size: its width left and right of the line the tensor runs down, and its height.</summary>
    private readonly record struct Extent(int Left, int Right, int Height)
    {
        public int Width => Left + Right;
    }
}
