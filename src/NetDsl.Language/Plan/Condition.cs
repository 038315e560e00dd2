using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;

namespace NetDsl.Language.Plan;

/// <summary>Two expressions that differ: one term of a <see cref="Condition"/>.</summary>
public sealed record Inequality(Expr Left, Expr Right);

/// <summary>
/// A condition over a class's parameters: true when any of its inequalities holds (<c>stride != 1 || inChannels !=
/// planes * 4</c>), or always true. Built folded: terms whose sides are the same expression are dropped, terms
/// between two different constants make it <see cref="Always"/>.
/// </summary>
public sealed record Condition(bool Always, EquatableArray<Inequality> Terms)
{
    /// <summary>Never true.</summary>
    public static Condition Never { get; } = new(false, EquatableArray<Inequality>.Empty);

    /// <summary>Always true.</summary>
    public static Condition True { get; } = new(true, EquatableArray<Inequality>.Empty);

    /// <summary>True when the value does not depend on parameters.</summary>
    public bool IsConstant => Always || Terms.Count == 0;

    /// <summary><c>left != right</c>, folded.</summary>
    public static Condition Differs(Expr left, Expr right)
    {
        if (Exprs.Same(left, right))
        {
            return Never;
        }

        return Exprs.Constant(left) is { } l && Exprs.Constant(right) is { } r
            ? (l.Equals(r) ? Never : True)
            : new Condition(false, EquatableArray.Of(new Inequality(left, right)));
    }

    /// <summary>Either condition, without repeating a term.</summary>
    public Condition Or(Condition other)
    {
        if (Always || other.Always)
        {
            return True;
        }

        var terms = new List<Inequality>(Terms);
        terms.AddRange(other.Terms.Where(t => !terms.Any(mine => Exprs.Same(mine.Left, t.Left) && Exprs.Same(mine.Right, t.Right))));
        return new Condition(false, terms.ToEquatableArray());
    }

    /// <summary>The condition with parameters replaced by expressions (a block's condition seen from where it is used).</summary>
    public Condition Substitute(IReadOnlyDictionary<string, Expr> values) =>
        Always ? True : Terms.Aggregate(Never, (all, t) => all.Or(Differs(Exprs.Substitute(t.Left, values), Exprs.Substitute(t.Right, values))));
}
