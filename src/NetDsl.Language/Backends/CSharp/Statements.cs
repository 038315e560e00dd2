using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Backends.CSharp;

/// <summary>A C# value: one line of code, or a Sequential whose entries go one per line.</summary>
internal abstract record Code;

/// <summary>Code on one line: <c>nn.Conv2d(64, 64, 3, padding: 1, bias: false)</c>.</summary>
internal sealed record InlineCode(string Text) : Code;

/// <summary><c>nn.Sequential(("0", …), ("1", …))</c>, an entry per line.</summary>
internal sealed record SequentialCode(IReadOnlyList<(string Key, Code Value)> Entries) : Code;

/// <summary>One statement of a generated constructor or <c>forward</c>.</summary>
internal abstract record Statement;

/// <summary><c>target = value;</c>, or <c>var target = value;</c> when <see cref="Declare"/>.</summary>
internal sealed record AssignStatement(string Target, Code Value, bool Declare = false) : Statement;

/// <summary>An expression evaluated for its effect: <c>x.add_(identity);</c>.</summary>
internal sealed record ExpressionStatement(string Text) : Statement;

/// <summary><c>if (…)</c> or <c>for (…)</c> and its block.</summary>
internal sealed record BlockStatement(string Header, IReadOnlyList<Statement> Body) : Statement;

/// <summary><c>return value;</c>.</summary>
internal sealed record ReturnStatement(string Value) : Statement;

/// <summary>Prints statements and code through the indenting writer.</summary>
internal static class StatementWriter
{
    /// <summary>
    /// Writes the statements; a block stands apart from its neighbours by an empty line, as people write them,
    /// unless it follows the declaration of the variable it may change (<c>var identity = x;</c>).
    /// </summary>
    public static void Write(SourceWriter writer, IReadOnlyList<Statement> statements)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (i > 0 && statement is BlockStatement && statements[i - 1] is not (BlockStatement or AssignStatement { Declare: true }))
            {
                writer.Line();
            }

            Write(writer, statement);
            if (statement is BlockStatement && i < statements.Count - 1)
            {
                writer.Line();
            }
        }
    }

    private static void Write(SourceWriter writer, Statement statement)
    {
        switch (statement)
        {
            case AssignStatement assign:
                Value(writer, (assign.Declare ? "var " : string.Empty) + assign.Target + " = ", assign.Value, ";");
                break;
            case ExpressionStatement expression:
                writer.Line(expression.Text + ";");
                break;
            case BlockStatement block:
                writer.Line(block.Header);
                writer.OpenBrace();
                Write(writer, block.Body);
                writer.CloseBrace();
                break;
            case ReturnStatement ret:
                writer.Line("return " + ret.Value + ";");
                break;
        }
    }

    /// <summary>Writes <paramref name="prefix"/>, the value and <paramref name="suffix"/>, a Sequential's entries indented one per line.</summary>
    private static void Value(SourceWriter writer, string prefix, Code value, string suffix)
    {
        if (value is InlineCode inline)
        {
            writer.Line(prefix + inline.Text + suffix);
            return;
        }

        var entries = ((SequentialCode)value).Entries;
        if (entries.Count == 0)
        {
            writer.Line(prefix + "nn.Sequential()" + suffix);
            return;
        }

        writer.Line(prefix + "nn.Sequential(");
        using (writer.Indent())
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var (key, entry) = entries[i];
                Value(writer, "(" + CSharpCode.Literal(key) + ", ", entry, i == entries.Count - 1 ? "))" + suffix : "),");
            }
        }
    }

    /// <summary>Whether a statement list ends by assigning <paramref name="variable"/>, so that it can return the value instead.</summary>
    public static IReadOnlyList<Statement> Returning(IReadOnlyList<Statement> statements, string variable)
    {
        if (statements.Count > 0 && statements[statements.Count - 1] is AssignStatement { Declare: false, Value: InlineCode value } last && last.Target == variable)
        {
            return statements.Take(statements.Count - 1).Append(new ReturnStatement(value.Text)).ToList();
        }

        return statements.Append(new ReturnStatement(variable)).ToList();
    }
}
