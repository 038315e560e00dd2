using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>
/// Walks one class instance's <c>forward</c> (its plan at its parameter values) and adds its nodes: the steps in
/// execution order as the C# and PyTorch back ends print them, with auxiliary heads left out (the graph is the
/// network in eval mode).
/// </summary>
internal sealed partial class ClassWalker
{
    private readonly GraphContext _graph;
    private readonly ClassPlan _plan;
    private readonly IReadOnlyDictionary<string, Value> _env;
    private readonly string _prefix;

    public ClassWalker(GraphContext graph, ClassPlan plan, IReadOnlyDictionary<string, Value> env, string prefix)
    {
        _graph = graph;
        _plan = plan;
        _env = env;
        _prefix = prefix;
    }

    /// <summary>Adds the class's nodes reading <paramref name="x"/> and returns the output's name.</summary>
    public string Walk(string x) => Steps(_plan.Forward, x);

    private string Steps(IEnumerable<StepPlan> steps, string x)
    {
        foreach (var step in steps)
        {
            x = Step(step, x);
        }

        return x;
    }

    private string Step(StepPlan step, string x) => step switch
    {
        ApplyStep apply => Apply(apply.Field, x),
        ActivationStep activation => OnnxActivations.Apply(_graph, activation.Kind, new Origin(_prefix, activation.Span), x),
        FlattenStep flatten => _graph.Builder.Node("Flatten", new Origin(_prefix, flatten.Span), 1, new[] { x }, OnnxAttribute.Of("axis", 1L)),
        ConcatStep concat => Concat(concat, x),
        ResidualStep residual => Residual(residual, x),
        AuxStep => x,
        _ => throw new System.InvalidOperationException("Unknown step " + step.GetType().Name + "."),
    };

    private string Apply(string field, string x) => Module(_plan.Field(field).Module, Frame.Join(_prefix, field), x);

    private string Concat(ConcatStep concat, string x)
    {
        var parts = concat.Branches.Select(b => b.Flat ? Steps(b.Steps, x) : Apply(b.Name, x)).ToList();
        return _graph.Builder.Node("Concat", new Origin(_prefix, concat.Span), 4, parts, OnnxAttribute.Of("axis", 1L));
    }

    /// <summary><c>then(shortcut + scale · body(pre(x)))</c>, the shortcut reading x or pre(x) as the plan says.</summary>
    private string Residual(ResidualStep residual, string x)
    {
        var shortcut = residual.Shortcut;
        if (shortcut.Use == ShortcutUse.None)
        {
            var plain = Steps(residual.Body, Steps(residual.Pre, x));
            return OnnxActivations.Apply(_graph, residual.Then, new Origin(_prefix, residual.Span), plain);
        }

        var identity = x;
        if (shortcut.Use == ShortcutUse.Module && !shortcut.ReadsPreActivated)
        {
            identity = Apply(shortcut.Field, x);
        }

        var pre = Steps(residual.Pre, x);
        if ((shortcut.Use == ShortcutUse.Module && shortcut.ReadsPreActivated) || (shortcut.Use == ShortcutUse.WhenBuilt && Built(shortcut.Field)))
        {
            identity = Apply(shortcut.Field, pre);
        }

        var body = Steps(residual.Body, pre);
        var origin = new Origin(_prefix, residual.Span);
        var scale = Values.Number(residual.Scale, _env);
        if (scale != 1.0)
        {
            body = _graph.Builder.Node("Mul", origin, 7, new[] { body, _graph.Builder.Scalar(Frame.Join(_prefix, "scale"), scale) });
        }

        var sum = _graph.Builder.Node("Add", origin, 7, new[] { body, identity });
        return OnnxActivations.Apply(_graph, residual.Then, origin, sum);
    }

    /// <summary>Whether a field built under a condition (an <c>auto</c> projection) exists at these values.</summary>
    private bool Built(string field) => _plan.Field(field).BuiltWhen is not { } condition || Values.Holds(condition, _env);
}
