using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// Turns one block or network of the IR into its <see cref="ClassPlan"/>: fields in registration order,
/// <c>forward</c> in execution order, constructor arguments and channel counts as expressions over the class's
/// parameters, and every <c>auto</c> shortcut resolved to the condition under which it projects. It reports what
/// is wrong whatever the parameters' values (unknown and missing arguments, constant repeat counts, aux sources,
/// constructs that cannot be generated); what depends on values is the <see cref="Instantiator"/>'s.
/// </summary>
internal sealed partial class ClassPlanner
{
    private readonly PlanLibrary _library;
    private readonly DiagnosticBag _diagnostics;
    private readonly string _namespace;
    private readonly string _where;
    private readonly ClassKind _kind;
    private readonly List<FieldPlan> _fields = new();
    private readonly SortedSet<string> _forwardParameters = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _spatialParams = new(StringComparer.Ordinal);
    private readonly List<PendingLinear> _pending = new();

    private ClassPlanner(PlanLibrary library, DiagnosticBag diagnostics, string ns, string where, ClassKind kind)
    {
        _library = library;
        _diagnostics = diagnostics;
        _namespace = ns;
        _where = where;
        _kind = kind;
    }

    /// <summary>Plans a block. A linear layer whose input features only an instance would know is reported (ND0201).</summary>
    public static ClassPlan PlanBlock(BlockDef block, PlanLibrary library, DiagnosticBag diagnostics)
    {
        var planner = new ClassPlanner(library, diagnostics, block.Namespace, $"block '{block.Name}'", ClassKind.Block);
        var (steps, output, change) = planner.Body(block.Layers, Flow.Grid(new ParamExpr(BlockDef.InChannelsParameter)));
        foreach (var pending in planner._pending)
        {
            diagnostics.Add(DiagnosticDescriptors.NotGeneratable, pending.Span, $"the input features of linear layer '{pending.Path}' cannot be inferred here; add a global pool before it");
        }

        return planner.Finish(block.Name, ClassKind.Block, block.Params, steps, output, change, block.Span) with { DeclaredInput = block.InShape };
    }

    /// <summary>
    /// Plans a network. Linear layers after a <c>flatten</c> of a grid whose size depends on the input come back
    /// in <see cref="PlannedNetwork.Pending"/>, for the analysis to complete from the network's instance.
    /// </summary>
    public static PlannedNetwork PlanNetwork(NetworkDef network, PlanLibrary library, DiagnosticBag diagnostics)
    {
        var planner = new ClassPlanner(library, diagnostics, network.Namespace, $"network '{network.Name}'", ClassKind.Network);
        var input = Flow.Grid(Exprs.Int(network.Input.Count == 3 ? network.Input[0] : 1));
        var (steps, output, change) = planner.NetworkBody(network.Layers, input);
        return new PlannedNetwork(planner.Finish(network.Name, ClassKind.Network, network.Params, steps, output, change, network.Span), planner._pending);
    }

    private ClassPlan Finish(string name, ClassKind kind, EquatableArray<ParamDef> parameters, List<StepPlan> steps, Flow output, SpatialChange change, SourceSpan span) =>
        new(name, _namespace, kind, parameters, _fields.ToEquatableArray(), steps.ToEquatableArray(), span)
        {
            OutputChannels = output.Channels,
            OutputFlat = output.Rank != Rank.Chw,
            OutputSpatial = output.Spatial,
            Spatial = change,
            SpatialParams = _spatialParams.ToEquatableArray(),
            ForwardParameters = _forwardParameters.ToEquatableArray(),
        };

    /// <summary>
    /// A network's layers: like any body, but an auxiliary head's step goes right after the layer it reads
    /// (<c>from:</c>), while its field stays where the spec wrote it (its keys' place in the state dict).
    /// </summary>
    private (List<StepPlan> Steps, Flow Output, SpatialChange Change) NetworkBody(EquatableArray<Layer> layers, Flow flow)
    {
        var taps = new Dictionary<string, List<AuxHeadLayer>>(StringComparer.Ordinal);
        var seen = new List<string>();
        foreach (var layer in layers)
        {
            if (layer is AuxHeadLayer { From.Length: > 0 } aux)
            {
                if (seen.Contains(aux.From))
                {
                    (taps.TryGetValue(aux.From, out var list) ? list : taps[aux.From] = new List<AuxHeadLayer>()).Add(aux);
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.UnknownAuxSource, aux.FromSpan, aux.Name, aux.From, Suggestions.DidYouMean(aux.From, seen));
                }
            }

            if (layer.Name.Length > 0 && layer is not AuxHeadLayer)
            {
                seen.Add(layer.Name);
            }
        }

        var steps = new List<StepPlan>();
        var change = SpatialChange.None;
        var heads = new Dictionary<AuxHeadLayer, ModulePlan>();
        foreach (var layer in layers)
        {
            if (layer is AuxHeadLayer aux)
            {
                if (aux.From.Length == 0 && Use(aux.Block, aux.Args, flow, aux, aux.Name) is { } head)
                {
                    heads[aux] = head.Plan;
                    steps.Add(new AuxStep(aux.Name, aux.LossWeight) { Span = aux.Span });
                }

                if (heads.TryGetValue(aux, out var module))
                {
                    _fields.Add(new FieldPlan(aux.Name, module) { Auxiliary = true });
                }

                continue;
            }

            var planned = Layer(layer, flow);
            steps.AddRange(planned.Steps);
            (flow, change) = (planned.Output, Then(change, planned.Change));
            foreach (var tap in taps.TryGetValue(layer.Name, out var reading) ? reading : Enumerable.Empty<AuxHeadLayer>())
            {
                if (Use(tap.Block, tap.Args, flow, tap, tap.Name) is { } head)
                {
                    heads[tap] = head.Plan;
                    steps.Add(new AuxStep(tap.Name, tap.LossWeight) { Span = tap.Span });
                }
            }
        }

        return (steps, flow, change);
    }

    /// <summary>Layers of the class itself: their modules become fields and their steps are returned in order.</summary>
    private (List<StepPlan> Steps, Flow Output, SpatialChange Change) Body(IEnumerable<Layer> layers, Flow flow)
    {
        var steps = new List<StepPlan>();
        var change = SpatialChange.None;
        foreach (var layer in layers)
        {
            var planned = Layer(layer, flow);
            steps.AddRange(planned.Steps);
            (flow, change) = (planned.Output, Then(change, planned.Change));
        }

        return (steps, flow, change);
    }

    private Planned Layer(Layer layer, Flow flow)
    {
        switch (layer)
        {
            case ConvLayer conv:
                return Conv(conv, flow);
            case ActivationLayer activation:
                return new Planned(new List<StepPlan> { new ActivationStep(activation.Kind) { Span = layer.Span } }, flow, SpatialChange.None);
            case FlattenLayer:
                return new Planned(new List<StepPlan> { new FlattenStep { Span = layer.Span } }, Flatten(flow), SpatialChange.None);
            case ConcatLayer concat:
                return Concat(concat, flow);
            case ResidualLayer residual:
                return Residual(residual, flow);
            case RepeatLayer repeat when Exprs.Constant(repeat.Count) is null:
                return RepeatLoop(repeat, flow);
            default:
                if (Module(layer, flow, layer.Name) is not { } module)
                {
                    return new Planned(new List<StepPlan>(), flow, SpatialChange.None);
                }

                return Apply(layer.Name, module.Plan, layer.Span, module.Output, module.Change);
        }
    }

    /// <summary>A field and the step that calls it.</summary>
    private Planned Apply(string field, ModulePlan module, SourceSpan span, Flow output, SpatialChange change)
    {
        _fields.Add(new FieldPlan(field, module));
        return new Planned(new List<StepPlan> { new ApplyStep(field) { Span = span } }, output, change);
    }

    /// <summary>Applies <paramref name="second"/> after <paramref name="first"/>: either may change the size, and the strides multiply.</summary>
    private static SpatialChange Then(SpatialChange first, SpatialChange second) => new(
        first.Changes.Or(second.Changes),
        new Pair(Exprs.Multiply(first.Stride.H, second.Stride.H), Exprs.Multiply(first.Stride.W, second.Stride.W)));

    private void NotGeneratable(SourceSpan span, string message) => _diagnostics.Add(DiagnosticDescriptors.NotGeneratable, span, message);

    /// <summary>What planning one layer gave: its steps in the class's <c>forward</c>, the tensor after it, and its effect on the size.</summary>
    private sealed record Planned(List<StepPlan> Steps, Flow Output, SpatialChange Change);

    /// <summary>One layer planned as a single module.</summary>
    private sealed record PlannedModule(ModulePlan Plan, Flow Output, SpatialChange Change);
}

/// <summary>A linear layer of a network whose input features the network's instance must tell.</summary>
internal sealed record PendingLinear(string Path, Expr Channels, bool SpatialVaries, SourceSpan Span);

/// <summary>A network's plan, and the linear layers whose input features are still to be filled in.</summary>
internal sealed record PlannedNetwork(ClassPlan Plan, IReadOnlyList<PendingLinear> Pending);
