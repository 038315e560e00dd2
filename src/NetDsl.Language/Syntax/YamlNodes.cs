using System.Collections.Generic;
using NetDsl.Language.Model;

namespace NetDsl.Language.Syntax;

/// <summary>
/// A node of the spec tree with its span. The YAML reader builds it from a <c>.net.yaml</c> file and the
/// generator's attribute reader from C# attributes; both hand it to <see cref="SpecParser.Lower"/>.
/// </summary>
public abstract class YamlNode
{
    /// <summary>A node written at <paramref name="span"/>.</summary>
    protected YamlNode(SourceSpan span) => Span = span;

    /// <summary>Where the node was written; diagnostics about it are reported here.</summary>
    public SourceSpan Span { get; }

    /// <summary>How the node reads in a message: the scalar's text, or "a list" / "a mapping".</summary>
    public abstract string Describe();
}

/// <summary>A scalar: a number, a name, an expression (<c>$planes * 4</c>) or a keyword.</summary>
public sealed class YamlScalar : YamlNode
{
    /// <summary>A scalar; <paramref name="isQuoted"/> when its span includes one quote character on each side.</summary>
    public YamlScalar(string value, bool isQuoted, SourceSpan span)
        : base(span)
    {
        Value = value;
        IsQuoted = isQuoted;
    }

    /// <summary>The text of the scalar.</summary>
    public string Value { get; }

    /// <summary>Whether the span includes the quotes around <see cref="Value"/>.</summary>
    public bool IsQuoted { get; }

    /// <inheritdoc />
    public override string Describe() => Value;
}

/// <summary>A list of nodes in written order.</summary>
public sealed class YamlList : YamlNode
{
    /// <summary>A list of <paramref name="items"/>.</summary>
    public YamlList(IReadOnlyList<YamlNode> items, SourceSpan span)
        : base(span) => Items = items;

    /// <summary>The items in written order.</summary>
    public IReadOnlyList<YamlNode> Items { get; }

    /// <inheritdoc />
    public override string Describe() => "a list";
}

/// <summary>A mapping from scalar keys to nodes.</summary>
public sealed class YamlMap : YamlNode
{
    /// <summary>A mapping of <paramref name="entries"/>; the builder guarantees that keys are unique.</summary>
    public YamlMap(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries, SourceSpan span)
        : base(span) => Entries = entries;

    /// <summary>Entries in written order; keys are unique (the reader reports duplicates).</summary>
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; }

    /// <inheritdoc />
    public override string Describe() => "a mapping";

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public YamlNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The key node <paramref name="key"/> (for its span), or null.</summary>
    public YamlScalar? GetKey(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
    }
}
