using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Generators.Attributes;

/// <summary>
/// Turns attribute argument values into the spec tree's scalars, lists and mappings, each with the span of the
/// argument (or array element) it was written as, so the core's diagnostics land on that argument.
/// </summary>
internal sealed class NodeBuilder
{
    public NodeBuilder(List<SpecDiagnostic> diagnostics) => Diagnostics = diagnostics;

    public List<SpecDiagnostic> Diagnostics { get; }

    public static YamlScalar Scalar(string value, SourceSpan span) => new(value, false, span);

    public static KeyValuePair<YamlScalar, YamlNode> Entry(string key, SourceSpan keySpan, YamlNode value) => new(Scalar(key, keySpan), value);

    public static YamlMap Map(SourceSpan span, params KeyValuePair<YamlScalar, YamlNode>[] entries) => new(entries, span);

    /// <summary>The argument as a scalar or a list; null (with a diagnostic unless the compiler has one) when it has no meaning.</summary>
    public YamlNode? Value(string attribute, AttributeArgument argument) =>
        Value(attribute, argument.Key, argument.Value, argument.Syntax, argument.Elements, argument.Span);

    /// <summary>The argument's entry in a layer's mapping (<c>k: [1, 7]</c>), keyed at the argument's name.</summary>
    public KeyValuePair<YamlScalar, YamlNode>? Entry(string attribute, AttributeArgument argument) =>
        Value(attribute, argument) is { } value ? Entry(argument.Key, argument.KeySpan, value) : null;

    /// <summary>The attribute's arguments as a layer mapping's entries; <c>args</c> are name/value pairs.</summary>
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries(AttributeItem item)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var argument in item.Arguments)
        {
            var value = argument.Key == "args" ? Pairs(item.Name, argument) : Value(item.Name, argument);
            if (value is not null)
            {
                // The core places a repeat at its 'repeat' key: that is the attribute's name here.
                entries.Add(NodeBuilder.Entry(argument.Key, argument.Key == "repeat" ? item.NameSpan : argument.KeySpan, value));
            }
        }

        return entries;
    }

    /// <summary>Name/value pairs (<c>"planes", 64, "stride", 2</c>) as a mapping.</summary>
    public YamlMap? Pairs(string attribute, AttributeArgument argument)
    {
        var value = argument.Value;
        if (value.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        if (value.Kind != TypedConstantKind.Array || value.IsNull)
        {
            Bad(attribute, argument.Key, "name/value pairs", Describe(value), argument.Span);
            return null;
        }

        var items = value.Values;
        var spans = ElementSpans(argument.Elements, items.Length, argument.Span);
        if (items.Length % 2 != 0)
        {
            Bad(attribute, argument.Key, "name/value pairs", $"{items.Length} values (an odd count)", spans[items.Length - 1]);
            return null;
        }

        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        for (var i = 0; i < items.Length; i += 2)
        {
            if (items[i].Kind == TypedConstantKind.Error || items[i + 1].Kind == TypedConstantKind.Error)
            {
                continue;
            }

            if (items[i].Value is not string name)
            {
                Bad(attribute, argument.Key, "a parameter name (a string) before each value", Describe(items[i]), spans[i]);
                continue;
            }

            var element = argument.Elements is { } elements && elements.Count == items.Length ? elements[i + 1] : null;
            if (Value(attribute, name, items[i + 1], element, AttributeItem.Initializer(element), spans[i + 1]) is { } node)
            {
                Add(entries, Entry(name, spans[i], node));
            }
        }

        return new YamlMap(entries, argument.Span);
    }

    /// <summary>Adds <paramref name="entry"/> unless its key is already there (reported as the YAML reader does).</summary>
    public void Add(List<KeyValuePair<YamlScalar, YamlNode>> entries, KeyValuePair<YamlScalar, YamlNode> entry)
    {
        if (entries.Any(e => e.Key.Value == entry.Key.Value))
        {
            Diagnostics.Add(DiagnosticDescriptors.DuplicateKey.Create(entry.Key.Span, entry.Key.Value));
            return;
        }

        entries.Add(entry);
    }

    public void Bad(string attribute, string key, string expected, string got, SourceSpan span) =>
        Diagnostics.Add(DiagnosticDescriptors.BadAttributeArgument.Create(span, key, attribute, expected, got));

    /// <summary><c>1</c>, <c>0.001</c> and <c>1.0</c> (a double stays a float for the expression parser).</summary>
    public static string Number(object value) => value switch
    {
        double d => Float(d),
        float f => Float(f),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string Describe(TypedConstant value) => value.IsNull ? "null"
        : value.Kind switch
        {
            TypedConstantKind.Type => "typeof(" + value.Value + ")",
            TypedConstantKind.Array => "an array",
            TypedConstantKind.Enum => "an enum value",
            _ => value.Type?.ToDisplayString() ?? "a value",
        };

    private YamlNode? Value(string attribute, string key, TypedConstant value, ExpressionSyntax? syntax, IReadOnlyList<ExpressionSyntax>? elements, SourceSpan span)
    {
        if (value.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        if (value.Kind == TypedConstantKind.Array && !value.IsNull)
        {
            var spans = ElementSpans(elements, value.Values.Length, span);
            var items = new List<YamlNode>();
            for (var i = 0; i < value.Values.Length; i++)
            {
                var element = elements is { } list && list.Count == value.Values.Length ? list[i] : null;
                if (value.Values[i].Kind == TypedConstantKind.Array)
                {
                    Bad(attribute, key, "numbers, names or expressions", "a nested array", spans[i]);
                    return null;
                }

                if (Value(attribute, key, value.Values[i], element, null, spans[i]) is not { } item)
                {
                    return null;
                }

                items.Add(item);
            }

            return new YamlList(items, span);
        }

        switch (value.Kind == TypedConstantKind.Primitive ? value.Value : null)
        {
            case string text:
                var quoted = syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.Text == "\"" + text + "\"";
                return new YamlScalar(text, quoted, span);
            case bool flag:
                return Scalar(flag ? "true" : "false", span);
            case char:
                break;
            case { } number:
                return Scalar(Number(number), span);
        }

        Bad(attribute, key, "a number, a string or an array", Describe(value), span);
        return null;
    }

    private static SourceSpan[] ElementSpans(IReadOnlyList<ExpressionSyntax>? elements, int count, SourceSpan whole) =>
        elements is { } list && list.Count == count ? list.Select(Spans.Of).ToArray() : Enumerable.Repeat(whole, count).ToArray();

    private static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'N', 'I' }) >= 0 ? text : text + ".0";
    }
}
