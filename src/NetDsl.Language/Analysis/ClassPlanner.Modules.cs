using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

internal sealed partial class ClassPlanner
{
    private static readonly Expr One = Exprs.Int(1);

    /// <summary>
    /// A conv in the class itself: one field when wrapped with its norm (or without a norm), else the conv and its
    /// norm as two sibling fields (torchvision's <c>conv1</c>, <c>bn1</c>), in the order they run.
    /// </summary>
    private Planned Conv(ConvLayer conv, Flow flow)
    {
        var (module, output, change) = ConvModule(conv, flow);
        var steps = new List<StepPlan>();
        if (conv.Norm is { } norm && (conv.Wrap || conv.NormName is null))
        {
            return Apply(conv.Name, new ConvUnitPlan(module, norm, conv.Act, conv.Order) { Span = conv.Span }, conv.Span, output, change);
        }

        if (conv.Norm is { } pre && conv.Order == ConvOrder.Pre)
        {
            steps.AddRange(Apply(conv.NormName!, new BatchNormPlan(flow.Channels, pre) { Span = conv.Span }, conv.Span, flow, SpatialChange.None).Steps);
            Activate(steps, conv.Act, conv.Span);
            steps.AddRange(Apply(conv.Name, module, conv.Span, output, change).Steps);
            return new Planned(steps, output, change);
        }

        steps.AddRange(Apply(conv.Name, module, conv.Span, output, change).Steps);
        if (conv.Norm is { } post)
        {
            steps.AddRange(Apply(conv.NormName!, new BatchNormPlan(conv.Out, post) { Span = conv.Span }, conv.Span, output, SpatialChange.None).Steps);
        }

        Activate(steps, conv.Act, conv.Span);
        return new Planned(steps, output, change);
    }

    private static void Activate(List<StepPlan> steps, Activation activation, SourceSpan span)
    {
        if (activation != Activation.None)
        {
            steps.Add(new ActivationStep(activation) { Span = span });
        }
    }

    /// <summary>
    /// One layer as a single module: a step of a Sequential, a one-layer concat branch, or a field of the class.
    /// <paramref name="path"/> is its name relative to the class (<c>classifier.1</c>).
    /// </summary>
    private PlannedModule? Module(Layer layer, Flow flow, string path)
    {
        switch (layer)
        {
            case ConvLayer conv when conv.Norm is { } norm:
                var (unit, unitOutput, unitChange) = ConvModule(conv, flow);
                return new PlannedModule(new ConvUnitPlan(unit, norm, conv.Act, conv.Order) { Span = conv.Span }, unitOutput, unitChange);
            case ConvLayer conv when conv.Act == Activation.None:
                var (plain, output, change) = ConvModule(conv, flow);
                return new PlannedModule(plain, output, change);
            case ConvLayer:
                NotGeneratable(layer.Span, "conv '" + path + "' has an activation but no norm inside a sequence, where every step is one module; write the activation as its own step");
                return null;
            case BatchNormLayer bn:
                return new PlannedModule(new BatchNormPlan(flow.Channels, bn.Norm) { Span = bn.Span }, flow, SpatialChange.None);
            case ActivationLayer activation:
                return new PlannedModule(new ActivationPlan(activation.Kind) { Span = layer.Span }, flow, SpatialChange.None);
            case PoolLayer pool:
                return Pool(pool, flow);
            case GlobalPoolLayer global:
                return Adaptive(new AdaptivePoolPlan(global.Kind, new Pair(One, One)) { Span = layer.Span, Global = true }, flow);
            case AdaptivePoolLayer adaptive:
                return Adaptive(new AdaptivePoolPlan(adaptive.Kind, adaptive.Size) { Span = layer.Span }, flow);
            case DropoutLayer dropout:
                return new PlannedModule(new DropoutPlan(dropout.P) { Span = layer.Span }, flow, SpatialChange.None);
            case FlattenLayer:
                return new PlannedModule(new FlattenPlan { Span = layer.Span }, Flatten(flow), SpatialChange.None);
            case LinearLayer linear:
                return new PlannedModule(new LinearPlan(LinearInput(flow, path, linear.Span), linear.Out, linear.Bias) { Span = layer.Span }, new Flow(linear.Out, Rank.Flat, null, false), SpatialChange.None);
            case BlockLayer use:
                return Use(use.Block, use.Args, flow, use, path) is { } block ? new PlannedModule(block.Plan, block.Output, block.Change) : null;
            case SequenceLayer sequence:
                return Sequential(sequence.Layers, flow, path);
            case RepeatLayer repeat when Exprs.Constant(repeat.Count) is { } count:
                return RepeatUnrolled(repeat, count, flow, path);
            case ConcatLayer or ResidualLayer or RepeatLayer or AuxHeadLayer:
                NotGeneratable(layer.Span, "'" + path + "' (" + layer.GetType().Name.Replace("Layer", string.Empty).ToLowerInvariant() + ") cannot be one step of a sequence");
                return null;
            default:
                throw new System.InvalidOperationException("unknown layer " + layer.GetType().Name);
        }
    }

    /// <summary>A Sequential of <paramref name="layers"/>, keyed by their names ("0", "1", … unless named).</summary>
    private PlannedModule? Sequential(IEnumerable<Layer> layers, Flow flow, string path)
    {
        var entries = new List<EntryPlan>();
        var change = SpatialChange.None;
        foreach (var layer in layers)
        {
            if (Module(layer, flow, path + "." + layer.Name) is not { } module)
            {
                return null;
            }

            entries.Add(new EntryPlan(layer.Name, module.Plan));
            (flow, change) = (module.Output, Then(change, module.Change));
        }

        return new PlannedModule(new SequentialPlan(entries.ToEquatableArray()), flow, change);
    }

    /// <summary>
    /// A conv module and what it does to the tensor. It may change the size unless its stride is 1 and its padding
    /// keeps the size (<c>2p = d(k − 1)</c>, or <c>same</c>).
    /// </summary>
    private (ConvPlan Plan, Flow Output, SpatialChange Change) ConvModule(ConvLayer conv, Flow flow)
    {
        var plan = new ConvPlan(flow.Channels, conv.Out, conv.Kernel, conv.Stride, conv.Padding, conv.Dilation, conv.Groups, conv.Bias)
        {
            Span = conv.Span,
            PaddingMode = conv.PaddingMode,
        };
        var changes = Condition.Differs(conv.Stride.H, One).Or(Condition.Differs(conv.Stride.W, One));
        if (conv.PaddingMode != PaddingMode.Same)
        {
            changes = changes
                .Or(Condition.Differs(Twice(conv.Padding.H), Reach(conv.Dilation.H, conv.Kernel.H)))
                .Or(Condition.Differs(Twice(conv.Padding.W), Reach(conv.Dilation.W, conv.Kernel.W)));
        }

        var settings = new[] { conv.Kernel, conv.Stride, conv.Padding, conv.Dilation };
        var spatial = Resize(flow.Spatial, settings, (n, v) => OutputSize.Conv(n, v[0], v[1], v[2], v[3]));
        var output = new Flow(conv.Out, Rank.Chw, spatial, Varies(flow, settings));
        return (plan, output, new SpatialChange(changes, conv.Stride));
    }

    private PlannedModule Pool(PoolLayer pool, Flow flow)
    {
        var changes = Condition.Differs(pool.Stride.H, One).Or(Condition.Differs(pool.Stride.W, One))
            .Or(Condition.Differs(Twice(pool.Padding.H), Binary(BinaryOp.Subtract, pool.Kernel.H, One)))
            .Or(Condition.Differs(Twice(pool.Padding.W), Binary(BinaryOp.Subtract, pool.Kernel.W, One)));
        var settings = new[] { pool.Kernel, pool.Stride, pool.Padding };
        var spatial = Resize(flow.Spatial, settings, (n, v) => OutputSize.Pool(n, v[0], v[1], v[2], pool.CeilMode));
        var plan = new PoolPlan(pool.Kind, pool.Kernel, pool.Stride, pool.Padding, pool.CeilMode, pool.CountIncludePad) { Span = pool.Span };
        return new PlannedModule(plan, flow with { Spatial = spatial, SpatialVaries = Varies(flow, settings) }, new SpatialChange(changes, pool.Stride));
    }

    /// <summary>An adaptive pool: afterwards the size is its own, whatever came in; it changes the size unless the input already had it.</summary>
    private PlannedModule Adaptive(AdaptivePoolPlan plan, Flow flow)
    {
        var size = Exprs.Constant(plan.Size.H) is { } h && Exprs.Constant(plan.Size.W) is { } w ? ((long)h.Number, (long)w.Number) : ((long, long)?)null;
        var varies = Varies(Flow.Grid(flow.Channels), new[] { plan.Size });
        return new PlannedModule(plan, new Flow(flow.Channels, Rank.Chw, size, varies), new SpatialChange(Condition.True, new Pair(One, One)));
    }

    /// <summary>[C, H, W] → [C·H·W]: features known when the grid is, else left for the instance.</summary>
    private static Flow Flatten(Flow flow) => flow.Spatial is { } spatial
        ? new Flow(Exprs.Multiply(flow.Channels, Exprs.Int(spatial.H * spatial.W)), Rank.Flat, null, false)
        : new Flow(flow.Channels, Rank.Flattened, null, flow.SpatialVaries);

    /// <summary>A linear layer's input features, or null (and pending) when only an instance knows them.</summary>
    private Expr? LinearInput(Flow flow, string path, SourceSpan span)
    {
        if (flow.Rank != Rank.Flattened)
        {
            return flow.Channels;
        }

        _pending.Add(new PendingLinear(path, flow.Channels, flow.SpatialVaries, span));
        return null;
    }

    /// <summary>The new height and width when the old ones and every setting are constants.</summary>
    private static (long H, long W)? Resize((long H, long W)? spatial, Pair[] settings, System.Func<long, long[], long> size)
    {
        if (spatial is not { } hw)
        {
            return null;
        }

        var h = settings.Select(p => Exprs.Constant(p.H)).ToList();
        var w = settings.Select(p => Exprs.Constant(p.W)).ToList();
        if (h.Any(v => v is null) || w.Any(v => v is null))
        {
            return null;
        }

        return (size(hw.H, h.Select(v => (long)v!.Value.Number).ToArray()), size(hw.W, w.Select(v => (long)v!.Value.Number).ToArray()));
    }

    /// <summary>Whether the size after these settings depends on a parameter; records the parameters.</summary>
    private bool Varies(Flow flow, IEnumerable<Pair> settings)
    {
        var names = settings.SelectMany(p => Exprs.Names(p.H).Concat(Exprs.Names(p.W))).ToList();
        _spatialParams.UnionWith(names);
        return flow.SpatialVaries || names.Count > 0;
    }

    private static Expr Twice(Expr expr) => Exprs.Multiply(Exprs.Int(2), expr);

    private static Expr Reach(Expr dilation, Expr kernel) => Exprs.Multiply(dilation, Binary(BinaryOp.Subtract, kernel, One));

    private static Expr Binary(BinaryOp op, Expr left, Expr right) => Exprs.Binary(op, left, right);
}
