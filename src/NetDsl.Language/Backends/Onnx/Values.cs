using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>A plan's expressions at one instance's parameter values, with the language's one evaluator.</summary>
internal static class Values
{
    /// <summary>The value of <paramref name="expr"/>; the plan was checked at these values, so it has one.</summary>
    public static double Number(Expr expr, IReadOnlyDictionary<string, Value> env) =>
        (Evaluator.TryValue(expr, env) ?? throw new System.InvalidOperationException($"The checked plan's expression {expr} has no value here.")).Number;

    /// <summary>An integer expression's value.</summary>
    public static long Int(Expr expr, IReadOnlyDictionary<string, Value> env) => (long)Number(expr, env);

    /// <summary>Height and width.</summary>
    public static (long H, long W) Pair(Pair pair, IReadOnlyDictionary<string, Value> env) => (Int(pair.H, env), Int(pair.W, env));

    /// <summary>Whether any inequality of the condition holds.</summary>
    public static bool Holds(Condition condition, IReadOnlyDictionary<string, Value> env) =>
        condition.Always || condition.Terms.Any(t => Number(t.Left, env) != Number(t.Right, env));

    /// <summary>
    /// A block's parameter values where it is used: <c>inChannels</c>, the arguments evaluated where they are written,
    /// and every other parameter's default.
    /// </summary>
    public static Dictionary<string, Value> Block(ClassPlan block, long inChannels, IEnumerable<ArgumentPlan> args, IReadOnlyDictionary<string, Value> env)
    {
        var values = new Dictionary<string, Value>(System.StringComparer.Ordinal) { [BlockDef.InChannelsParameter] = Value.Int(inChannels) };
        foreach (var arg in args)
        {
            var number = Number(arg.Value, env);
            values[arg.Name] = new Value(number, arg.Type == ParamType.Int);
        }

        foreach (var parameter in block.Params.Where(p => !values.ContainsKey(p.Name)))
        {
            values[parameter.Name] = new Value(Number(parameter.Default!, values), parameter.Type == ParamType.Int);
        }

        return values;
    }
}
