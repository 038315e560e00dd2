using System;
using System.Text;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>A tiny indenting writer for generated code: four spaces per level, <c>\n</c> line endings.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <c>{</c>, then indents until <see cref="CloseBrace"/>.</summary>
    public void OpenBrace()
    {
        Line("{");
        _indent++;
    }

    /// <summary>Dedents and writes <c>}</c>.</summary>
    public void CloseBrace()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced braces in generated code.");
        }

        _indent--;
        Line("}");
    }

    /// <summary>Indents the following lines by one level until the returned scope is disposed.</summary>
    public IDisposable Indent()
    {
        _indent++;
        return new Dedent(this);
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();

    private sealed class Dedent : IDisposable
    {
        private readonly SourceWriter _writer;

        public Dedent(SourceWriter writer) => _writer = writer;

        public void Dispose() => _writer._indent--;
    }
}
