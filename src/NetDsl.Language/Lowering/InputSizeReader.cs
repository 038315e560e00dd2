using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering;

/// <summary>
/// Reads <c>accepts: [C, H, W]</c>: the channels, then for height and width a size (<c>224</c>), a range
/// (<c>32..</c>, <c>32..512</c>) or a list of sizes (<c>[224, 299]</c>).
/// </summary>
internal static class InputSizeReader
{
    private const string Expected = "[C, H, W] where C is a channel count and H and W are each a size (224), a range (32.. or 32..512) or a list of sizes ([224, 299])";

    public static InputSizes? Read(YamlNode node, DiagnosticBag diagnostics)
    {
        if (node is YamlList { Items.Count: 3 } list
            && Positive(list.Items[0]) is { } channels
            && Dimension(list.Items[1]) is { } height
            && Dimension(list.Items[2]) is { } width)
        {
            return new InputSizes(channels, height, width);
        }

        diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "accepts", Expected, Describe(node));
        return null;
    }

    private static SizeSet? Dimension(YamlNode node)
    {
        switch (node)
        {
            case YamlList list when list.Items.Count > 0:
                var values = list.Items.Select(Positive).ToList();
                return values.All(v => v is not null) ? SizeSet.OneOf(values.Select(v => v!.Value).Distinct().OrderBy(v => v).ToEquatableArray()) : null;
            case YamlScalar scalar when scalar.Value.IndexOf("..", System.StringComparison.Ordinal) is var dots and > 0:
                var min = Positive(scalar.Value.Substring(0, dots));
                var rest = scalar.Value.Substring(dots + 2);
                var max = rest.Length == 0 ? null : Positive(rest);
                return min is null || (rest.Length > 0 && (max is null || max < min)) ? null : SizeSet.Range(min.Value, max);
            default:
                return Positive(node) is { } size ? SizeSet.Exactly(size) : null;
        }
    }

    private static int? Positive(YamlNode node) => node is YamlScalar scalar ? Positive(scalar.Value) : null;

    private static int? Positive(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static string Describe(YamlNode node) =>
        node is YamlList list ? "[" + string.Join(", ", list.Items.Select(Describe)) + "]" : node.Describe();
}
