using System.Collections.Generic;
using NetDsl.Language.Model;

namespace NetDsl.Language.Syntax
{
    /// <summary>A YAML node with its span; built without recursion, so any input is safe to read.</summary>
    internal abstract class YamlNode
    {
        protected YamlNode(SourceSpan span) => Span = span;

        public SourceSpan Span { get; }

        /// <summary>How the node reads in a message: the scalar's text, or "a list" / "a mapping".</summary>
        public abstract string Describe();
    }

    internal sealed class YamlScalar : YamlNode
    {
        public YamlScalar(string value, bool isQuoted, SourceSpan span)
            : base(span)
        {
            Value = value;
            IsQuoted = isQuoted;
        }

        public string Value { get; }

        public bool IsQuoted { get; }

        public override string Describe() => Value;
    }

    internal sealed class YamlList : YamlNode
    {
        public YamlList(IReadOnlyList<YamlNode> items, SourceSpan span)
            : base(span) => Items = items;

        public IReadOnlyList<YamlNode> Items { get; }

        public override string Describe() => "a list";
    }

    internal sealed class YamlMap : YamlNode
    {
        public YamlMap(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries, SourceSpan span)
            : base(span) => Entries = entries;

        /// <summary>Entries in written order; keys are unique (the reader reports duplicates).</summary>
        public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; }

        public override string Describe() => "a mapping";

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
}
