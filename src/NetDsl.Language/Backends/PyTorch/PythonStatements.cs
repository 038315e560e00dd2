using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>A Python value: one line of code, or a module whose parts go one per line.</summary>
internal abstract record PyCode;

/// <summary>Code on one line: <c>nn.Conv2d(64, 64, 3, padding=1, bias=False)</c>.</summary>
internal sealed record PyInline(string Text) : PyCode;

/// <summary><c>nn.Sequential(…)</c>, an entry per line: positional when the keys are 0, 1, 2 …, else an <c>OrderedDict</c>.</summary>
internal sealed record PySequential(IReadOnlyList<(string Key, PyCode Value)> Entries) : PyCode
{
    /// <summary>Whether the keys are the positions, as <c>nn.Sequential(a, b)</c> names them.</summary>
    public bool Positional => Entries.Select((e, i) => e.Key == i.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(same => same);
}

/// <summary><c>nn.Sequential(*[Block(…) for i in range(n)])</c>: a repeat whose count is a parameter.</summary>
internal sealed record PyRepeat(string Item, string Loop) : PyCode;

/// <summary>One statement of a generated <c>__init__</c> or <c>forward</c>.</summary>
internal abstract record PyStatement;

/// <summary><c>target = value</c>.</summary>
internal sealed record PyAssign(string Target, PyCode Value) : PyStatement;

/// <summary><c>self.add_module("name", value)</c>: a submodule whose name is a Python keyword.</summary>
internal sealed record PyAddModule(string Name, PyCode Value) : PyStatement;

/// <summary>Any other one-line statement.</summary>
internal sealed record PyLine(string Text) : PyStatement;

/// <summary><c>if condition:</c> and its body.</summary>
internal sealed record PyIf(string Condition, IReadOnlyList<PyStatement> Body) : PyStatement;

/// <summary><c>return value</c>.</summary>
internal sealed record PyReturn(string Value) : PyStatement;

/// <summary>Prints statements and values through the indenting writer.</summary>
internal static class PyStatementWriter
{
    /// <summary>Writes the statements at the writer's indentation.</summary>
    public static void Write(SourceWriter writer, IEnumerable<PyStatement> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case PyAssign assign:
                    Value(writer, assign.Target + " = ", assign.Value, string.Empty);
                    break;
                case PyAddModule add:
                    Value(writer, "self.add_module(" + PythonCode.Literal(add.Name) + ", ", add.Value, ")");
                    break;
                case PyLine line:
                    writer.Line(line.Text);
                    break;
                case PyIf branch:
                    writer.Line("if " + branch.Condition + ":");
                    using (writer.Indent())
                    {
                        Write(writer, branch.Body);
                    }

                    break;
                case PyReturn ret:
                    writer.Line("return " + ret.Value);
                    break;
            }
        }
    }

    /// <summary>
    /// The statements with a last <c>x = value</c> turned into <c>return value</c>, or <c>return x</c> appended.
    /// </summary>
    public static IReadOnlyList<PyStatement> Returning(IReadOnlyList<PyStatement> statements, string variable)
    {
        if (statements.Count > 0 && statements[statements.Count - 1] is PyAssign { Value: PyInline value } last && last.Target == variable)
        {
            return statements.Take(statements.Count - 1).Append(new PyReturn(value.Text)).ToList();
        }

        return statements.Append(new PyReturn(variable)).ToList();
    }

    /// <summary>Writes <paramref name="prefix"/>, the value and <paramref name="suffix"/>, a module's parts indented one per line.</summary>
    private static void Value(SourceWriter writer, string prefix, PyCode value, string suffix)
    {
        switch (value)
        {
            case PyInline inline:
                writer.Line(prefix + inline.Text + suffix);
                break;
            case PySequential { Entries.Count: 0 }:
                writer.Line(prefix + "nn.Sequential()" + suffix);
                break;
            case PySequential { Positional: true } sequential:
                writer.Line(prefix + "nn.Sequential(");
                using (writer.Indent())
                {
                    foreach (var (_, entry) in sequential.Entries)
                    {
                        Value(writer, string.Empty, entry, ",");
                    }
                }

                writer.Line(")" + suffix);
                break;
            case PySequential named:
                writer.Line(prefix + "nn.Sequential(OrderedDict([");
                using (writer.Indent())
                {
                    foreach (var (key, entry) in named.Entries)
                    {
                        Value(writer, "(" + PythonCode.Literal(key) + ", ", entry, "),");
                    }
                }

                writer.Line("]))" + suffix);
                break;
            case PyRepeat repeat:
                writer.Line(prefix + "nn.Sequential(*[");
                using (writer.Indent())
                {
                    writer.Line(repeat.Item);
                    writer.Line(repeat.Loop);
                }

                writer.Line("])" + suffix);
                break;
        }
    }
}
