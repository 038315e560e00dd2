using System.Collections.Generic;
using System.Globalization;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering;

/// <summary>Reads typed values (expressions, pairs, booleans, keywords) from YAML nodes, reporting bad ones.</summary>
internal sealed class ValueReader
{
    public ValueReader(DiagnosticBag diagnostics, ExprScope scope)
    {
        Diagnostics = diagnostics;
        Scope = scope;
    }

    public DiagnosticBag Diagnostics { get; }

    public ExprScope Scope { get; }

    /// <summary>An expression of any type whose names are all defined.</summary>
    public Expr? Expression(string key, YamlNode node)
    {
        if (node is not YamlScalar scalar || scalar.Value.Length == 0)
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "a number or an expression", node.Describe());
            return null;
        }

        var expr = ExpressionParser.Parse(scalar, out var error);
        if (expr is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.BadExpression, scalar.Span, scalar.Value, error!);
            return null;
        }

        return CheckNames(expr) ? expr : null;
    }

    public Expr? Int(string key, YamlNode node)
    {
        var expr = Expression(key, node);
        if (expr is not null && Scope.TypeOf(expr) == ParamType.Float)
        {
            Diagnostics.Add(DiagnosticDescriptors.FloatWhereIntNeeded, expr.Span, key, expr);
            return null;
        }

        return expr;
    }

    /// <summary>A float given as a literal (eps, momentum): these are constants of the generated code.</summary>
    public double? Literal(string key, YamlNode node)
    {
        if (node is YamlScalar scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "a number", node.Describe());
        return null;
    }

    /// <summary>An integer expression or <c>[h, w]</c>.</summary>
    public Pair? Pair(string key, YamlNode node)
    {
        if (node is YamlList list)
        {
            if (list.Items.Count != 2)
            {
                Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "an integer or [h, w]", $"a list of {list.Items.Count}");
                return null;
            }

            var h = Int(key, list.Items[0]);
            var w = Int(key, list.Items[1]);
            return h is null || w is null ? null : new Pair(h, w);
        }

        var both = Int(key, node);
        return both is null ? null : new Pair(both, both);
    }

    public bool? Bool(string key, YamlNode node)
    {
        if (node is YamlScalar { Value: "true" or "True" or "false" or "False" } scalar)
        {
            return scalar.Value is "true" or "True";
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "true or false", node.Describe());
        return null;
    }

    /// <summary>One of <paramref name="choices"/> (their keys are the spellings).</summary>
    public T? Choice<T>(string key, YamlNode node, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (node is YamlScalar scalar && choices.TryGetValue(scalar.Value, out var value))
        {
            return value;
        }

        Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "one of " + string.Join(", ", choices.Keys), node.Describe());
        return null;
    }

    /// <summary>A name that must be a C# identifier.</summary>
    public string? Identifier(string key, YamlNode node)
    {
        if (node is not YamlScalar scalar)
        {
            Diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, key, "a name", node.Describe());
            return null;
        }

        return Identifiers.Check(scalar.Value, scalar.Span, Diagnostics) ? scalar.Value : null;
    }

    private bool CheckNames(Expr expr)
    {
        switch (expr)
        {
            case ParamExpr p when !Scope.Parameters.ContainsKey(p.Name):
                Diagnostics.Add(DiagnosticDescriptors.UndefinedVariable, p.Span, p.Name, Scope.Owner, Suggestions.DidYouMean(p.Name, Scope.Parameters.Keys));
                return false;
            case BinaryExpr b:
                var left = CheckNames(b.Left);
                return CheckNames(b.Right) && left;
            default:
                return true;
        }
    }
}
