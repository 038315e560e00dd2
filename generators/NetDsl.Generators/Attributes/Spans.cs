using Microsoft.CodeAnalysis;
using NetDsl.Language.Model;

namespace NetDsl.Generators.Attributes;

/// <summary>Syntax positions as the core's plain <see cref="SourceSpan"/>, so models hold no Roslyn objects.</summary>
internal static class Spans
{
    public static SourceSpan Of(SyntaxNode node) => Of(node.GetLocation());

    public static SourceSpan Of(SyntaxToken token) => Of(token.GetLocation());

    private static SourceSpan Of(Location location)
    {
        var lines = location.GetLineSpan();
        return new SourceSpan(
            lines.Path,
            location.SourceSpan.Start,
            location.SourceSpan.End,
            lines.StartLinePosition.Line,
            lines.StartLinePosition.Character,
            lines.EndLinePosition.Line,
            lines.EndLinePosition.Character);
    }
}
