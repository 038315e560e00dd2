using System;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// How wide a line of text is drawn, estimated from DejaVu Sans's advance widths (the font the diagrams name
/// first), so boxes fit their words without measuring with a font engine and the output stays the same everywhere.
/// </summary>
internal static class TextWidth
{
    /// <summary>The width in pixels of <paramref name="text"/> at <paramref name="size"/> pixels, bold or not.</summary>
    public static int Of(string text, int size, bool bold = false)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += Advance(c);
        }

        return (int)Math.Ceiling(em * size * (bold ? 1.08 : 1.0));
    }

    private static double Advance(char c) => c switch
    {
        >= '0' and <= '9' => 0.64,
        '×' => 0.84,
        '–' => 0.5,
        ' ' or '·' => 0.32,
        '.' or ',' or ':' or ';' or '(' or ')' or '[' or ']' or '/' => 0.37,
        'i' or 'j' or 'l' => 0.28,
        'f' or 'r' or 't' => 0.4,
        'm' => 0.97,
        'w' => 0.82,
        >= 'A' and <= 'Z' => 0.72,
        _ => 0.62,
    };
}
