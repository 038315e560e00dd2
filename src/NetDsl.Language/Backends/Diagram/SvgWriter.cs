using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// Writes SVG elements one per line, indented by nesting, with attributes in the order given and integer
/// coordinates, so the same drawing is always the same text.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<string> _open = new();

    /// <summary>Opens an element that holds others.</summary>
    public void Open(string name, params (string Name, object Value)[] attributes)
    {
        Start(name, attributes);
        _text.Append(">\n");
        _open.Push(name);
    }

    /// <summary>Closes the innermost open element.</summary>
    public void Close()
    {
        var name = _open.Pop();
        Indent();
        _text.Append("</").Append(name).Append(">\n");
    }

    /// <summary>An element without content.</summary>
    public void Empty(string name, params (string Name, object Value)[] attributes)
    {
        Start(name, attributes);
        _text.Append("/>\n");
    }

    /// <summary>An element holding text only.</summary>
    public void Text(string name, string text, params (string Name, object Value)[] attributes)
    {
        Start(name, attributes);
        _text.Append('>').Append(Escape(text)).Append("</").Append(name).Append(">\n");
    }

    /// <summary>The document written so far.</summary>
    public override string ToString() => _text.ToString();

    private void Start(string name, (string Name, object Value)[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        foreach (var (key, value) in attributes)
        {
            _text.Append(' ').Append(key).Append("=\"").Append(Escape(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
        }
    }

    private void Indent() => _text.Append(' ', 2 * _open.Count);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
