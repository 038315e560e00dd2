using System;
using System.Collections.Generic;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NetDsl.Language.Syntax;

/// <summary>
/// Turns YAML text into <see cref="YamlNode"/>s from YamlDotNet's event stream with an explicit stack, so deep
/// nesting becomes a diagnostic instead of a stack overflow, and aliases are refused before they can multiply.
/// </summary>
internal static class YamlReader
{
    public const int MaxDepth = 64;

    /// <summary>The first document's root, or null when the text has none or a diagnostic was reported.</summary>
    public static YamlNode? Read(string path, string text, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new System.IO.StringReader(text));
        var stack = new Stack<Frame>();
        YamlNode? root = null;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                switch (current)
                {
                    case AnchorAlias alias:
                        diagnostics.Add(DiagnosticDescriptors.AliasNotSupported, Span(path, alias), "*" + alias.Value);
                        return null;
                    case NodeEvent node when !node.Anchor.IsEmpty:
                        diagnostics.Add(DiagnosticDescriptors.AliasNotSupported, Span(path, node), "&" + node.Anchor.Value);
                        return null;
                    case DocumentEnd when root is not null:
                        return root;
                }

                switch (current)
                {
                    case Scalar scalar:
                        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
                        if (!Add(stack, new YamlScalar(scalar.Value, quoted, Span(path, scalar)), ref root, path, diagnostics))
                        {
                            return null;
                        }

                        break;
                    case SequenceStart or MappingStart:
                        if (stack.Count >= MaxDepth)
                        {
                            diagnostics.Add(DiagnosticDescriptors.TooDeep, Span(path, current), MaxDepth);
                            return null;
                        }

                        stack.Push(new Frame(current is MappingStart, current.Start));
                        break;
                    case SequenceEnd or MappingEnd:
                        var frame = stack.Pop();
                        var span = Span(path, frame.Start, current.End);
                        YamlNode built = frame.IsMap ? new YamlMap(frame.Entries, span) : new YamlList(frame.Items, span);
                        if (!Add(stack, built, ref root, path, diagnostics))
                        {
                            return null;
                        }

                        break;
                }
            }
        }
        catch (YamlException e)
        {
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax, Span(path, e.Start, e.End), e.Message);
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, not a YamlException, for a line break inside a plain scalar in a
            // flow collection ("[ re<newline>lu ]"); it carries no mark, so point where reading stopped.
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax, Span(path, last, last), e.Message);
            return null;
        }

        return root;
    }

    private static bool Add(Stack<Frame> stack, YamlNode node, ref YamlNode? root, string path, DiagnosticBag diagnostics)
    {
        if (stack.Count == 0)
        {
            root = node;
            return true;
        }

        var frame = stack.Peek();
        if (!frame.IsMap)
        {
            frame.Items.Add(node);
            return true;
        }

        if (frame.PendingKey is null)
        {
            if (node is not YamlScalar key)
            {
                diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "key", "a plain name", node.Describe());
                return false;
            }

            if (frame.Keys.Contains(key.Value))
            {
                diagnostics.Add(DiagnosticDescriptors.DuplicateKey, key.Span, key.Value);
                return false;
            }

            frame.Keys.Add(key.Value);
            frame.PendingKey = key;
            return true;
        }

        frame.Entries.Add(new KeyValuePair<YamlScalar, YamlNode>(frame.PendingKey, node));
        frame.PendingKey = null;
        return true;
    }

    private static SourceSpan Span(string path, ParsingEvent e) => Span(path, e.Start, e.End);

    private static SourceSpan Span(string path, Mark start, Mark end) =>
        new(path, (int)start.Index, (int)end.Index, (int)start.Line - 1, (int)start.Column - 1, (int)end.Line - 1, (int)end.Column - 1);

    private sealed class Frame
    {
        public Frame(bool isMap, Mark start)
        {
            IsMap = isMap;
            Start = start;
        }

        public bool IsMap { get; }

        public Mark Start { get; }

        public List<YamlNode> Items { get; } = new();

        public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = new();

        public HashSet<string> Keys { get; } = new();

        public YamlScalar? PendingKey { get; set; }
    }
}
