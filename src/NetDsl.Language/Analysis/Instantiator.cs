using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// Runs a plan at one set of parameter values and one input: every tensor's concrete shape, every module's
/// parameters, multiply-adds and state-dict entries, and a diagnostic wherever the values do not fit (a channel
/// count, a size, a residual add, a concat). A failed step yields null, which ends its path. Every module's
/// planned input channels are checked against the instance's, so a plan that disagrees with its own instances is
/// an internal error here, never a network that fails in libtorch.
/// </summary>
internal sealed partial class Instantiator
{
    /// <summary>The most steps and modules one instance may have.</summary>
    public const int MaxLayers = 100_000;

    /// <summary>Sizes are checked over one period of the network's strides, at most this many sizes per dimension.</summary>
    public const long MaxPeriod = 1024;

    private readonly DiagnosticBag _diagnostics;
    private readonly Evaluator _evaluator;
    private readonly PlanLibrary _library;
    private readonly bool _record;
    private readonly List<(string Order, LayerSummary Row)> _rows = new();
    private readonly List<(string Order, StateTensor Tensor)> _tensors = new();
    private readonly Dictionary<string, long> _linearInputs = new(StringComparer.Ordinal);
    private (long H, long W) _stride = (1, 1);
    private int _instantiated;

    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="library">The project's blocks.</param>
    /// <param name="record">Whether to keep summary rows and state-dict entries (not needed to check another input size).</param>
    public Instantiator(DiagnosticBag diagnostics, PlanLibrary library, bool record)
    {
        _diagnostics = diagnostics;
        _evaluator = new Evaluator(diagnostics);
        _library = library;
        _record = record;
    }

    /// <summary>Summary rows in registration order (containers before their children).</summary>
    public IReadOnlyList<LayerSummary> Rows => _rows.OrderBy(r => r.Order, StringComparer.Ordinal).Select(r => r.Row).ToList();

    /// <summary>State-dict entries in registration order.</summary>
    public IReadOnlyList<StateTensor> Tensors => _tensors.OrderBy(t => t.Order, StringComparer.Ordinal).Select(t => t.Tensor).ToList();

    /// <summary>The input features of every linear layer, by path.</summary>
    public IReadOnlyDictionary<string, long> LinearInputs => _linearInputs;

    /// <summary>The least common multiple of the cumulative strides (height, width): sizes a period apart behave alike.</summary>
    public (long H, long W) Period { get; private set; } = (1, 1);

    public long Parameters { get; private set; }

    public long MultiplyAdds { get; private set; }

    /// <summary>Runs a class's <c>forward</c> on <paramref name="input"/>; its fields' state-dict paths start with <paramref name="prefix"/>.</summary>
    public TensorShape? WalkClass(ClassPlan plan, TensorShape input, Frame frame, string prefix, string order = "") =>
        Steps(plan.Forward, input, new Scope(plan, frame, prefix, order));

    private TensorShape? Steps(IEnumerable<StepPlan> steps, TensorShape? shape, Scope scope)
    {
        foreach (var step in steps)
        {
            if (shape is null)
            {
                return null;
            }

            shape = Step(step, shape, scope);
        }

        return shape;
    }

    private TensorShape? Step(StepPlan step, TensorShape input, Scope scope)
    {
        if (++_instantiated > MaxLayers)
        {
            _diagnostics.Add(DiagnosticDescriptors.TooLarge, step.Span, "the network", $"{MaxLayers} instantiated layers");
            throw new TooLargeException();
        }

        try
        {
            switch (step)
            {
                case ApplyStep apply:
                    return Field(apply.Field, input, scope);
                case ActivationStep:
                    return input;
                case FlattenStep:
                    return NeedsChw(step.Span, "flatten", input, scope.Frame, string.Empty) ? Flatten(step.Span, input, scope.Frame, string.Empty) : null;
                case ConcatStep concat:
                    return Concat(concat, input, scope);
                case ResidualStep residual:
                    return Residual(residual, input, scope);
                case AuxStep aux:
                    return AuxHead(aux, input, scope);
                default:
                    throw new InvalidOperationException("unknown step " + step.GetType().Name);
            }
        }
        catch (OverflowException)
        {
            // Sizes and counts are checked arithmetic (see the project file): absurd channel counts end here.
            var name = step is ApplyStep a ? Frame.Join(scope.Prefix, a.Field) : scope.Prefix;
            _diagnostics.Add(DiagnosticDescriptors.TooLarge, step.Span, $"the size of '{name}'", "64-bit integer arithmetic");
            return null;
        }
    }

    /// <summary>Runs the field <paramref name="name"/> of the scope's class.</summary>
    private TensorShape? Field(string name, TensorShape input, Scope scope)
    {
        var index = IndexOf(scope.Class, name);
        return Module(scope.Class.Fields[index].Module, input, scope.Frame, Frame.Join(scope.Prefix, name), Key(scope.Order, index));
    }

    private static int IndexOf(ClassPlan plan, string field)
    {
        for (var i = 0; i < plan.Fields.Count; i++)
        {
            if (plan.Fields[i].Name == field)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"class {plan.Name} has no field {field}");
    }

    /// <summary>Checks that a planned channel count is what the instance has; a difference is a bug in the analysis.</summary>
    private bool Consistent(Expr planned, long actual, Frame frame, string what, SourceSpan span)
    {
        if (Evaluator.TryValue(planned, frame.Env) is { } value && value.IsInt && (long)value.Number == actual)
        {
            return true;
        }

        _diagnostics.Add(DiagnosticDescriptors.InternalError, span, $"the plan gives {what} {planned} channels but the instance has {actual} (in {frame.Where})");
        return false;
    }

    /// <summary>The registration-order key of the <paramref name="index"/>th child (only kept when recording).</summary>
    private string Key(string order, int index) => _record ? order + (char)index : string.Empty;

    /// <summary>Records a module that holds no other module.</summary>
    private TensorShape Leaf(string path, string order, string kind, Frame frame, TensorShape input, TensorShape output, long parameters, long macs)
    {
        Parameters += parameters;
        MultiplyAdds += macs;
        if (_record && path.Length > 0)
        {
            _rows.Add((order, new LayerSummary(path, kind, frame.Depth, input, output, parameters, macs)));
        }

        return output;
    }

    /// <summary>Records a module's state-dict entries (<c>path.name</c>) and returns its parameter count.</summary>
    private long State(string path, string order, params (string Name, long[] Shape, bool Buffer)[] entries)
    {
        var parameters = 0L;
        for (var i = 0; i < entries.Length; i++)
        {
            var (name, shape, buffer) = entries[i];
            if (!buffer)
            {
                parameters += shape.Aggregate(1L, (n, d) => checked(n * d));
            }

            if (_record)
            {
                _tensors.Add((order + (char)i, new StateTensor(Frame.Join(path, name), shape.ToEquatableArray(), buffer)));
            }
        }

        return parameters;
    }

    /// <summary>Runs a module that holds others, recording its totals as one row before its children's.</summary>
    private TensorShape? Container(string path, string order, string kind, Frame frame, TensorShape input, Func<TensorShape?> walk)
    {
        var (parameters, macs) = (Parameters, MultiplyAdds);
        var output = walk();
        if (output is not null && _record)
        {
            _rows.Add((order, new LayerSummary(path, kind, frame.Depth, input, output, Parameters - parameters, MultiplyAdds - macs)));
        }

        return output;
    }

    private bool NeedsChw(SourceSpan span, string kind, TensorShape input, Frame frame, string path)
    {
        if (input.Dims.Count == 3)
        {
            return true;
        }

        _diagnostics.Add(DiagnosticDescriptors.RankMismatch, span, Label(kind, path, frame), "a [C, H, W] input", input, string.Empty);
        return false;
    }

    private TensorShape? Flatten(SourceSpan span, TensorShape input, Frame frame, string path)
    {
        var features = (long)input.Dims[0] * input.Dims[1] * input.Dims[2];
        if (features > int.MaxValue)
        {
            _diagnostics.Add(DiagnosticDescriptors.TooLarge, span, $"{Label("flatten", path, frame)}: {input} flattened ({features} features)", int.MaxValue);
            return null;
        }

        return TensorShape.Flat((int)features);
    }

    private (int H, int W)? Pair(Pair pair, Frame frame, string key, object what, int min)
    {
        var h = _evaluator.Int(pair.H, frame, key, what, min);
        var w = _evaluator.Int(pair.W, frame, key, what, min);
        return h is null || w is null ? null : (h.Value, w.Value);
    }

    /// <summary>Moves the cumulative stride on by a layer's stride and folds it into the period.</summary>
    private void Stride(int h, int w)
    {
        _stride = (checked(_stride.H * h), checked(_stride.W * w));
        Period = (Lcm(Period.H, _stride.H), Lcm(Period.W, _stride.W));
    }

    private static long Lcm(long a, long b)
    {
        var (x, y) = (a, b);
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return Math.Min(MaxPeriod, a / x * b);
    }

    /// <summary><c>conv 'layer1.0.conv2' in block 'Bottleneck' (…)</c>.</summary>
    private static Place Label(string kind, string path, Frame frame) =>
        new(() => (path.Length > 0 ? $"{kind} '{path}'" : kind) + " in " + frame.Where);

    private static string Spatial(TensorShape shape) => shape.Dims.Count == 3 ? $"{shape.Dims[1]}×{shape.Dims[2]}" : shape.ToString();

    /// <summary>The class being run, its frame, its fields' state-dict prefix and their registration order prefix.</summary>
    private sealed record Scope(ClassPlan Class, Frame Frame, string Prefix, string Order);

    /// <summary>Ends the walk once the layer limit is passed (reported where it was passed).</summary>
    internal sealed class TooLargeException : Exception
    {
    }
}
