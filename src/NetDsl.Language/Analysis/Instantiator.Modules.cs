using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

internal sealed partial class Instantiator
{
    private TensorShape? Module(ModulePlan module, TensorShape input, Frame frame, string path, string order)
    {
        if (++_instantiated > MaxLayers)
        {
            _diagnostics.Add(DiagnosticDescriptors.TooLarge, module.Span, "the network", $"{MaxLayers} instantiated layers");
            throw new TooLargeException();
        }

        switch (module)
        {
            case ConvPlan conv:
                return Conv(conv, null, input, frame, path, order);
            case ConvUnitPlan unit:
                return Conv(unit.Conv, unit, input, frame, path, order);
            case BatchNormPlan bn:
                if (!NeedsChw(bn.Span, "bn", input, frame, path) || !Consistent(bn.Channels, input.Channels, frame, $"batch norm '{path}'", bn.Span))
                {
                    return null;
                }

                return Leaf(path, order, "BatchNorm2d", frame, input, input, BatchNormState(path, order, input.Channels), 0);
            case ActivationPlan activation:
                return Leaf(path, order, activation.Kind.ToString(), frame, input, input, 0, 0);
            case DropoutPlan dropout:
                return _evaluator.Evaluate(dropout.P, frame) is null ? null : Leaf(path, order, "Dropout", frame, input, input, 0, 0);
            case FlattenPlan flatten:
                return NeedsChw(flatten.Span, "flatten", input, frame, path) && Flatten(flatten.Span, input, frame, path) is { } flat
                    ? Leaf(path, order, "Flatten", frame, input, flat, 0, 0)
                    : null;
            case PoolPlan pool:
                return Pool(pool, input, frame, path, order);
            case AdaptivePoolPlan adaptive:
                return Adaptive(adaptive, input, frame, path, order);
            case LinearPlan linear:
                return Linear(linear, input, frame, path, order);
            case BlockPlan block:
                return Block(block.Block, block.In, block.Args, block.Span, input, frame, path, order);
            case SequentialPlan sequential:
                return Container(path, order, "Sequential", frame, input, () =>
                {
                    TensorShape? shape = input;
                    var inner = frame with { Depth = frame.Depth + 1 };
                    for (var i = 0; i < sequential.Entries.Count && shape is not null; i++)
                    {
                        shape = Module(sequential.Entries[i].Module, shape, inner, path + "." + sequential.Entries[i].Key, Key(order, i));
                    }

                    return shape;
                });
            case RepeatPlan repeat:
                return Repeat(repeat, input, frame, path, order);
            default:
                throw new InvalidOperationException("unexpected module " + module.GetType().Name + " at " + path);
        }
    }

    /// <summary>A conv, alone or with its norm as one unit (<paramref name="unit"/>).</summary>
    private TensorShape? Conv(ConvPlan conv, ConvUnitPlan? unit, TensorShape input, Frame frame, string path, string order)
    {
        if (!NeedsChw(conv.Span, "conv", input, frame, path))
        {
            return null;
        }

        var what = Label("conv", path, frame);
        var outChannels = _evaluator.Int(conv.Out, frame, "out", what, 1);
        var groups = _evaluator.Int(conv.Groups, frame, "groups", what, 1);
        var kernel = Pair(conv.Kernel, frame, "k", what, 1);
        var stride = Pair(conv.Stride, frame, "s", what, 1);
        var padding = Pair(conv.Padding, frame, "pad", what, 0);
        var dilation = Pair(conv.Dilation, frame, "dilation", what, 1);
        if (outChannels is not { } cout || groups is not { } g || kernel is not { } k || stride is not { } s || padding is not { } p || dilation is not { } d)
        {
            return null;
        }

        var effective = (H: (d.H * (k.H - 1)) + 1, W: (d.W * (k.W - 1)) + 1);
        if (conv.PaddingMode == PaddingMode.Same && (effective.H % 2 == 0 || effective.W % 2 == 0))
        {
            _diagnostics.Add(DiagnosticDescriptors.SameNeedsOddKernel, conv.Span, path, $"[{effective.H}, {effective.W}]");
            return null;
        }

        var cin = input.Channels;
        if (cin % g != 0 || cout % g != 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.GroupsDoNotDivide, conv.Span, what, g, cin, cout);
            return null;
        }

        var (h, w) = (input.Dims[1], input.Dims[2]);
        if (h + (2 * p.H) < effective.H || w + (2 * p.W) < effective.W)
        {
            _diagnostics.Add(DiagnosticDescriptors.KernelTooLarge, conv.Span, what, $"[{effective.H}, {effective.W}]", $"[{h + (2 * p.H)}, {w + (2 * p.W)}]", input);
            return null;
        }

        var output = Spatial(conv.Span, what, input, cout, OutputSize.Conv(h, k.H, s.H, p.H, d.H), OutputSize.Conv(w, k.W, s.W, p.W, d.W));
        if (output is null || !Consistent(conv.In, cin, frame, $"conv '{path}'", conv.Span))
        {
            return null;
        }

        Stride(s.H, s.W);
        var macs = (long)cout * output.Dims[1] * output.Dims[2] * (cin / g) * k.H * k.W;
        if (unit is null)
        {
            return Leaf(path, order, "Conv2d", frame, input, output, ConvState(path, order, cout, cin / g, k, conv.Bias), macs);
        }

        // NormActConv registers its norm first, as it runs; ConvNormAct its conv.
        var pre = unit.Order == ConvOrder.Pre;
        var parameters = ConvState(Frame.Join(path, "conv"), Key(order, pre ? 1 : 0), cout, cin / g, k, conv.Bias)
            + BatchNormState(Frame.Join(path, "bn"), Key(order, pre ? 0 : 1), pre ? cin : cout);
        return Leaf(path, order, unit.Order == ConvOrder.Pre ? "NormActConv" : "ConvNormAct", frame, input, output, parameters, macs);
    }

    private long ConvState(string path, string order, long cout, long cinPerGroup, (int H, int W) k, bool bias) => bias
        ? State(path, order, ("weight", new[] { cout, cinPerGroup, k.H, k.W }, false), ("bias", new[] { cout }, false))
        : State(path, order, ("weight", new[] { cout, cinPerGroup, k.H, k.W }, false));

    private long BatchNormState(string path, string order, long channels) => State(
        path,
        order,
        ("weight", new[] { channels }, false),
        ("bias", new[] { channels }, false),
        ("running_mean", new[] { channels }, true),
        ("running_var", new[] { channels }, true),
        ("num_batches_tracked", Array.Empty<long>(), true));

    private TensorShape? Pool(PoolPlan pool, TensorShape input, Frame frame, string path, string order)
    {
        var kind = pool.Kind == PoolKind.Max ? "maxpool" : "avgpool";
        if (!NeedsChw(pool.Span, kind, input, frame, path))
        {
            return null;
        }

        var what = Label(kind, path, frame);
        var kernel = Pair(pool.Kernel, frame, "k", what, 1);
        var stride = Pair(pool.Stride, frame, "s", what, 1);
        var padding = Pair(pool.Padding, frame, "pad", what, 0);
        if (kernel is not { } k || stride is not { } s || padding is not { } p)
        {
            return null;
        }

        if (p.H > k.H / 2 || p.W > k.W / 2)
        {
            _diagnostics.Add(DiagnosticDescriptors.PoolPadding, pool.Span, what, $"[{p.H}, {p.W}]", $"[{k.H}, {k.W}]");
            return null;
        }

        var output = Spatial(pool.Span, what, input, input.Channels,
            OutputSize.Pool(input.Dims[1], k.H, s.H, p.H, pool.CeilMode), OutputSize.Pool(input.Dims[2], k.W, s.W, p.W, pool.CeilMode));
        Stride(s.H, s.W);
        return output is null ? null : Leaf(path, order, pool.Kind == PoolKind.Max ? "MaxPool2d" : "AvgPool2d", frame, input, output, 0, 0);
    }

    private TensorShape? Adaptive(AdaptivePoolPlan pool, TensorShape input, Frame frame, string path, string order)
    {
        var kind = pool.Global ? "global pool" : pool.Kind == PoolKind.Max ? "adaptivemaxpool" : "adaptiveavgpool";
        if (!NeedsChw(pool.Span, kind, input, frame, path) || Pair(pool.Size, frame, "out", Label(kind, path, frame), 1) is not { } size)
        {
            return null;
        }

        _stride = (1, 1);
        return Leaf(path, order, pool.Kind == PoolKind.Max ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d", frame, input, TensorShape.Chw(input.Channels, size.H, size.W), 0, 0);
    }

    private TensorShape? Linear(LinearPlan linear, TensorShape input, Frame frame, string path, string order)
    {
        if (input.Dims.Count != 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.RankMismatch, linear.Span, Label("linear", path, frame), "a flat [F] input", input, "; add 'flatten' before it");
            return null;
        }

        if (_evaluator.Int(linear.Out, frame, "out", Label("linear", path, frame), 1) is not { } features)
        {
            return null;
        }

        _linearInputs[path] = input.Channels;
        if (linear.In is { } planned && !Consistent(planned, input.Channels, frame, $"linear '{path}' (input features)", linear.Span))
        {
            return null;
        }

        var macs = (long)input.Channels * features;
        var state = linear.Bias
            ? State(path, order, ("weight", new long[] { features, input.Channels }, false), ("bias", new long[] { features }, false))
            : State(path, order, ("weight", new long[] { features, input.Channels }, false));
        return Leaf(path, order, "Linear", frame, input, TensorShape.Flat(features), state, macs);
    }

    private TensorShape? Spatial(SourceSpan span, Place what, TensorShape input, int channels, long h, long w)
    {
        if (h < 1 || w < 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.NonPositiveOutput, span, what, input, $"[{channels}, {h}, {w}]");
            return null;
        }

        return TensorShape.Chw(channels, (int)h, (int)w);
    }

    /// <summary>One use of a block: binds its parameters, checks its <c>in:</c>, and runs its class one level down.</summary>
    private TensorShape? Block(BlockRef block, Expr plannedIn, IEnumerable<ArgumentPlan> args, SourceSpan use, TensorShape input, Frame frame, string path, string order)
    {
        if (_library.Plan(block.Name) is not { } plan)
        {
            return null;
        }

        var env = Bind(plan, args, input, frame);
        if (env is null || !InShapeHolds(plan, use, input, env, frame, path) || !Consistent(plannedIn, input.Channels, frame, $"block '{path}'", use))
        {
            return null;
        }

        var where = new Place(() => $"block '{plan.Name}' ({path}, used at {use})");
        return Container(path, order, plan.Name, frame, input, () => WalkClass(plan, input, new Frame(env, frame.Depth + 1, where), path, order));
    }

    /// <summary>
    /// The block's parameter values: <c>inChannels</c>, the arguments evaluated where the block is used, and the
    /// defaults. Unknown and missing arguments were reported when the using class was planned.
    /// </summary>
    private Dictionary<string, Value>? Bind(ClassPlan plan, IEnumerable<ArgumentPlan> args, TensorShape input, Frame frame)
    {
        var env = new Dictionary<string, Value>(StringComparer.Ordinal) { [BlockDef.InChannelsParameter] = Value.Int(input.Channels) };
        foreach (var arg in args)
        {
            if (_evaluator.Evaluate(arg.Value, frame) is not { } value)
            {
                return null;
            }

            if (arg.Type == ParamType.Int && !value.IsInt)
            {
                _diagnostics.Add(DiagnosticDescriptors.FloatWhereIntNeeded, arg.Value.Span, $"{plan.Name}.{arg.Name}", Evaluator.Show(arg.Value, value));
                return null;
            }

            env[arg.Name] = arg.Type == ParamType.Float ? new Value(value.Number, false) : value;
        }

        foreach (var parameter in plan.Params.Where(p => !env.ContainsKey(p.Name)))
        {
            if (parameter.Default is not NumberExpr number)
            {
                return null;
            }

            env[parameter.Name] = new Value(number.Value, parameter.Type == ParamType.Int);
        }

        return env;
    }

    private bool InShapeHolds(ClassPlan plan, SourceSpan use, TensorShape input, IReadOnlyDictionary<string, Value> env, Frame frame, string path)
    {
        if (plan.DeclaredInput.Count == 0)
        {
            return true;
        }

        var blockFrame = new Frame(env, frame.Depth, Place.Of($"block '{plan.Name}'"));
        var dims = plan.DeclaredInput.Select(e => _evaluator.Int(e, blockFrame, "in", blockFrame.Where, 1)).ToList();
        if (dims.Any(d => d is null))
        {
            return false;
        }

        var declared = TensorShape.Chw(dims[0]!.Value, dims[1]!.Value, dims[2]!.Value);
        if (declared == input)
        {
            return true;
        }

        _diagnostics.Add(DiagnosticDescriptors.InShapeMismatch, use, plan.Name, declared, $"'{path}' in {frame.Where}", input);
        return false;
    }

    /// <summary>A repeat built in a loop: its count is known only here.</summary>
    private TensorShape? Repeat(RepeatPlan repeat, TensorShape input, Frame frame, string path, string order)
    {
        if (_evaluator.Int(repeat.Count, frame, "repeat", new Place(() => $"repeat '{path}'"), int.MinValue) is not { } count
            || !ClassPlanner.RepeatCountFits(count, repeat.Block.Name, repeat.Overrides.Select(o => (o.Index, o.Span)), repeat.Span, path, _diagnostics))
        {
            return null;
        }

        var inner = frame with { Depth = frame.Depth + 1 };
        return Container(path, order, "Sequential", frame, input, () =>
        {
            TensorShape? shape = input;
            for (var i = 0; i < count && shape is not null; i++)
            {
                shape = Block(repeat.Block, i == 0 ? repeat.FirstIn : repeat.RestIn, repeat.ArgumentsAt(i), repeat.Span, shape, inner, path + "." + i, Key(order, i));
            }

            return shape;
        });
    }
}
