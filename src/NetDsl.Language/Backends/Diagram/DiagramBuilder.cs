using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// Turns a network's plan into the nodes a diagram draws, in <c>forward</c> order. Every shape is the instance's
/// (<see cref="NetworkPlan.Summary"/>, read by state-dict path); only steps without a module of their own take
/// theirs from what they do (an activation keeps its input's, a concat adds up its branches' channels, an addition
/// has its body's). A conv's batch norm and activation go into its box; a run of identical block uses (same block,
/// arguments and shapes) becomes one box with a count unless <c>expand</c> is set.
/// </summary>
internal sealed class DiagramBuilder
{
    private readonly NetworkPlan _network;
    private readonly Dictionary<string, LayerSummary> _rows;
    private readonly bool _expand;

    private DiagramBuilder(NetworkPlan network, bool expand)
    {
        _network = network;
        _rows = network.Summary.Layers.ToDictionary(r => r.Path, StringComparer.Ordinal);
        _expand = expand;
    }

    /// <summary>The network from its input to its last layer.</summary>
    public static Node Build(NetworkPlan network, bool expand)
    {
        var builder = new DiagramBuilder(network, expand);
        var input = network.Summary.Input;
        var items = new List<Node> { new LayerNode("input", input, string.Empty, LayerRole.Terminal) };
        builder.Steps(network.Class.Forward, new Scope(network.Class, SpecAnalyzer.Defaults(network.Class.Params), string.Empty), input, items);
        return new SequenceNode(items);
    }

    private TensorShape Steps(IEnumerable<StepPlan> steps, Scope scope, TensorShape shape, List<Node> items)
    {
        foreach (var step in steps)
        {
            shape = Step(step, scope, shape, items);
        }

        return shape;
    }

    private TensorShape Step(StepPlan step, Scope scope, TensorShape input, List<Node> items)
    {
        switch (step)
        {
            case ApplyStep apply:
                var built = Field(apply.Field, scope, input);
                Add(items, built.Node);
                return built.Output;
            case ActivationStep activation:
                Add(items, new LayerNode(Labels.Activation(activation.Kind), input, string.Empty, LayerRole.Activation));
                return input;
            case FlattenStep:
                var flat = TensorShape.Flat(input.Dims.Aggregate(1, (n, d) => n * d));
                Add(items, new LayerNode("flatten", flat, string.Empty, LayerRole.Other));
                return flat;
            case ConcatStep concat:
                return Concat(concat, scope, input, items);
            case ResidualStep residual:
                return Residual(residual, scope, input, items);
            case AuxStep aux:
                items.Add(new AuxNode(Field(aux.Field, scope, input).Node, Frame.Join(scope.Prefix, aux.Field)));
                return input;
            default:
                throw new InvalidOperationException("unknown step " + step.GetType().Name);
        }
    }

    private TensorShape Concat(ConcatStep concat, Scope scope, TensorShape input, List<Node> items)
    {
        var branches = new List<Node>();
        var channels = 0;
        TensorShape? first = null;
        foreach (var branch in concat.Branches)
        {
            var steps = new List<Node>();
            var output = branch.Flat ? Steps(branch.Steps, scope, input, steps) : Add(steps, Field(branch.Name, scope, input));
            branches.Add(new SequenceNode(steps));
            channels += output.Channels;
            first ??= output;
        }

        var shape = TensorShape.Chw(channels, first!.Dims[1], first.Dims[2]);
        items.Add(new ConcatNode(branches, shape));
        return shape;
    }

    private TensorShape Residual(ResidualStep residual, Scope scope, TensorShape input, List<Node> items)
    {
        var pre = new List<Node>();
        var afterPre = Steps(residual.Pre, scope, input, pre);
        var body = new List<Node>();
        var output = Steps(residual.Body, scope, afterPre, body);
        var plan = residual.Shortcut;
        var field = Frame.Join(scope.Prefix, plan.Field);
        var built = plan.Use == ShortcutUse.Module || (plan.Use == ShortcutUse.WhenBuilt && _rows.ContainsKey(field));

        // A zero-padding shortcut that neither subsamples nor pads here is the identity, and is drawn as one.
        var idle = built && scope.Class.Field(plan.Field).Module is ZeroPadPlan && Row(field).Input == Row(field).Output;
        var shortcut = built && !idle ? Field(plan.Field, scope, plan.ReadsPreActivated ? afterPre : input).Node : null;
        if (plan.Use == ShortcutUse.None)
        {
            pre.ForEach(n => Add(items, n));
            body.ForEach(n => Add(items, n));
            return output;
        }

        // The skip starts where its module reads: after the pre-activation layers, or before them (the identity).
        var inBody = shortcut is not null && plan.ReadsPreActivated ? new List<Node>() : pre;
        if (inBody != pre)
        {
            pre.ForEach(n => Add(items, n));
        }

        body.ForEach(n => Add(inBody, n));
        var then = residual.Then == Activation.None ? string.Empty : Labels.Activation(residual.Then);
        items.Add(new ResidualNode(new SequenceNode(inBody), shortcut, Labels.Scale(residual.Scale, scope.Env), then, output));
        return output;
    }

    private Built Field(string name, Scope scope, TensorShape input) =>
        Module(scope.Class.Field(name).Module, scope.Env, Frame.Join(scope.Prefix, name), input);

    private Built Module(ModulePlan module, IReadOnlyDictionary<string, Value> env, string path, TensorShape input) => module switch
    {
        ConvPlan conv => Layer(Labels.Conv(conv, env), path, LayerRole.Conv),
        ConvUnitPlan unit => Unit(unit, env, path),
        BatchNormPlan => Layer("bn", path, LayerRole.Norm),
        PoolPlan pool => Layer(Labels.Pool(pool, env), path, LayerRole.Pool),
        AdaptivePoolPlan pool => Layer(Labels.Adaptive(pool, env), path, LayerRole.Pool),
        DropoutPlan dropout => Layer(Labels.Dropout(dropout, env), path, LayerRole.Other),
        LinearPlan => Layer("linear", path, LayerRole.Linear),
        FlattenPlan => Layer("flatten", path, LayerRole.Other),
        ActivationPlan activation => Layer(Labels.Activation(activation.Kind), path, LayerRole.Activation),
        ZeroPadPlan pad => Layer(Labels.ZeroPad(pad, env), path, LayerRole.Other),
        BlockPlan block => Block(block.Block.Name, block.Args, env, path, input),
        SequentialPlan sequential => Uses(path, input, sequential.Entries.Select(e => (Func<TensorShape, Built>)(shape => Module(e.Module, env, path + "." + e.Key, shape)))),
        RepeatPlan repeat => Uses(path, input, Enumerable.Range(0, Count(repeat, env)).Select(i => (Func<TensorShape, Built>)(shape => Block(repeat.Block.Name, repeat.ArgumentsAt(i), env, path + "." + i, shape)))),
        _ => throw new InvalidOperationException("unexpected module " + module.GetType().Name + " at " + path),
    };

    private Built Layer(string label, string path, LayerRole role)
    {
        var output = Row(path).Output;
        return new Built(new LayerNode(label, output, path, role), output);
    }

    /// <summary>A conv with its norm (and activation) as one module: <c>conv 1×7 · bn · relu</c>, or <c>bn · relu · conv 3×3</c>.</summary>
    private Built Unit(ConvUnitPlan unit, IReadOnlyDictionary<string, Value> env, string path)
    {
        var conv = Labels.Conv(unit.Conv, env);
        var act = unit.Act == Activation.None ? string.Empty : Labels.Activation(unit.Act) + Labels.Then;
        var output = Row(path).Output;
        var node = unit.Order == ConvOrder.Pre
            ? new LayerNode("bn" + Labels.Then + act + conv, output, path, LayerRole.Conv)
            : new LayerNode(conv + Labels.Then + "bn" + (act.Length == 0 ? string.Empty : Labels.Then + Labels.Activation(unit.Act)), output, path, LayerRole.Conv) { Normed = true, Activated = act.Length > 0 };
        return new Built(node, output);
    }

    private Built Block(string name, IEnumerable<ArgumentPlan> args, IReadOnlyDictionary<string, Value> env, string path, TensorShape input)
    {
        var plan = _network.Block(name);
        var bound = Bind(plan, args, input.Channels, env);
        var items = new List<Node>();
        var output = Steps(plan.Forward, new Scope(plan, bound, path), input, items);
        var signature = name + "(" + string.Join(", ", bound.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + ") " + input + " → " + output;
        return new Built(new GroupNode(name, path, path, new SequenceNode(items), 1) { Signature = signature }, output);
    }

    /// <summary>The entries of a Sequential or a repeat, each reading the one before; entries that use blocks are framed as a stage named by <paramref name="path"/>.</summary>
    private Built Uses(string path, TensorShape input, IEnumerable<Func<TensorShape, Built>> entries)
    {
        var items = new List<Node>();
        var shape = input;
        var blocks = false;
        foreach (var entry in entries)
        {
            var built = entry(shape);
            blocks |= built.Node is GroupNode;
            Add(items, built.Node);
            shape = built.Output;
        }

        var body = new SequenceNode(items);
        return new Built(blocks ? new GroupNode(path, string.Empty, string.Empty, body, 1) : body, shape);
    }

    private LayerSummary Row(string path) => _rows.TryGetValue(path, out var row)
        ? row
        : throw new InvalidOperationException($"the summary of {_network.Class.Name} has no row '{path}' that its plan names");

    /// <summary>A block's parameter values where it is used: <c>inChannels</c>, the arguments, the defaults.</summary>
    private static Dictionary<string, Value> Bind(ClassPlan plan, IEnumerable<ArgumentPlan> args, int inChannels, IReadOnlyDictionary<string, Value> env)
    {
        var bound = new Dictionary<string, Value>(StringComparer.Ordinal) { [BlockDef.InChannelsParameter] = Value.Int(inChannels) };
        foreach (var arg in args)
        {
            if (Evaluator.TryValue(arg.Value, env) is { } value)
            {
                bound[arg.Name] = arg.Type == ParamType.Float ? new Value(value.Number, false) : value;
            }
        }

        foreach (var parameter in plan.Params.Where(p => !bound.ContainsKey(p.Name)))
        {
            if (parameter.Default is NumberExpr number)
            {
                bound[parameter.Name] = new Value(number.Value, parameter.Type == ParamType.Int);
            }
        }

        return bound;
    }

    private static int Count(RepeatPlan repeat, IReadOnlyDictionary<string, Value> env) =>
        Evaluator.TryValue(repeat.Count, env) is { IsInt: true } count ? (int)count.Number : throw new InvalidOperationException("a repeat count without a value: " + repeat.Count);

    /// <summary>
    /// Adds a node: opens a sequence, folds a batch norm or an activation into the box before it, and counts a block
    /// use identical to the one before it into that one (unless expanding).
    /// </summary>
    private TensorShape Add(List<Node> items, Built built)
    {
        Add(items, built.Node);
        return built.Output;
    }

    private void Add(List<Node> items, Node node)
    {
        if (node is SequenceNode sequence)
        {
            foreach (var item in sequence.Items)
            {
                Add(items, item);
            }

            return;
        }

        if (items.Count > 0 && items[items.Count - 1] is LayerNode last && node is LayerNode next && Fold(last, next) is { } folded)
        {
            items[items.Count - 1] = folded;
            return;
        }

        if (!_expand && items.Count > 0 && items[items.Count - 1] is GroupNode { Signature: { } signature } run && node is GroupNode use && use.Signature == signature)
        {
            items[items.Count - 1] = run with { Last = use.Last, Count = run.Count + 1 };
            return;
        }

        items.Add(node);
    }

    private static LayerNode? Fold(LayerNode last, LayerNode next)
    {
        if (last.Activated)
        {
            return null;
        }

        if (next.Role == LayerRole.Activation && last.Role is LayerRole.Conv or LayerRole.Norm or LayerRole.Linear)
        {
            return last with { Label = last.Label + Labels.Then + next.Label, Activated = true };
        }

        return next.Role == LayerRole.Norm && last.Role == LayerRole.Conv && !last.Normed
            ? last with { Label = last.Label + Labels.Then + next.Label, Path = last.Path + ", " + next.Path, Normed = true, Activated = next.Activated }
            : null;
    }

    /// <summary>The class being walked, its parameter values and its fields' state-dict prefix.</summary>
    private sealed record Scope(ClassPlan Class, IReadOnlyDictionary<string, Value> Env, string Prefix);

    /// <summary>A module drawn: its node and its output shape.</summary>
    private sealed record Built(Node Node, TensorShape Output);
}
