using System.Collections.Generic;
using NetDsl.Language.Model;

namespace NetDsl.Language.Lowering;

/// <summary>The parameters an expression may name, with their types, and how to describe where they live.</summary>
internal sealed class ExprScope
{
    public ExprScope(string owner, IReadOnlyDictionary<string, ParamType> parameters)
    {
        Owner = owner;
        Parameters = parameters;
    }

    /// <summary><c>block 'Bottleneck'</c> or <c>network 'ResNet50'</c>.</summary>
    public string Owner { get; }

    public IReadOnlyDictionary<string, ParamType> Parameters { get; }

    /// <summary>The type of <paramref name="expr"/>; undefined names count as int (they are reported separately).</summary>
    public ParamType TypeOf(Expr expr) => expr switch
    {
        NumberExpr n => n.IsInteger ? ParamType.Int : ParamType.Float,
        ParamExpr p => Parameters.TryGetValue(p.Name, out var type) ? type : ParamType.Int,
        BinaryExpr b => TypeOf(b.Left) == ParamType.Float || TypeOf(b.Right) == ParamType.Float ? ParamType.Float : ParamType.Int,
        _ => ParamType.Int,
    };
}
