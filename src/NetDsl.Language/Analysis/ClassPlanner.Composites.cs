using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

internal sealed partial class ClassPlanner
{
    /// <summary>
    /// Branches on the same input, concatenated: a flat branch's layers are fields of the class and its steps run
    /// on a local; any other branch is one field (its single module, or a Sequential of its layers).
    /// </summary>
    private Planned Concat(ConcatLayer concat, Flow flow)
    {
        var branches = new List<BranchPlan>();
        var outputs = new List<Flow>();
        SpatialChange? change = null;
        foreach (var branch in concat.Branches)
        {
            Flow output;
            SpatialChange branchChange;
            if (branch.Flat)
            {
                var (steps, flatOutput, flatChange) = Body(branch.Layers, flow);
                branches.Add(new BranchPlan(branch.Name, steps.ToEquatableArray(), true, branch.Span));
                (output, branchChange) = (flatOutput, flatChange);
            }
            else
            {
                var single = branch.Layers.Count == 1 && IsSingleModule(branch.Layers[0]);
                if ((single ? Module(branch.Layers[0], flow, branch.Name) : Sequential(branch.Layers, flow, branch.Name)) is not { } module)
                {
                    return new Planned(new List<StepPlan>(), flow, SpatialChange.None);
                }

                _fields.Add(new FieldPlan(branch.Name, module.Plan));
                branches.Add(new BranchPlan(branch.Name, EquatableArray.Of<StepPlan>(new ApplyStep(branch.Name) { Span = branch.Span }), false, branch.Span));
                (output, branchChange) = (module.Output, module.Change);
            }

            outputs.Add(output);
            change = change is null ? branchChange : new SpatialChange(change.Changes.Or(branchChange.Changes), change.Stride);
        }

        var first = outputs[0];
        var merged = new Flow(Exprs.Sum(outputs.Select(o => o.Channels)), Rank.Chw, first.Spatial, outputs.Any(o => o.SpatialVaries));
        return new Planned(new List<StepPlan> { new ConcatStep(branches.ToEquatableArray()) { Span = concat.Span } }, merged, change ?? SpatialChange.None);
    }

    private static bool IsSingleModule(Layer layer) => layer is not (ConcatLayer or ResidualLayer or FlattenLayer)
        && !(layer is ConvLayer { Norm: null } conv && conv.Act != Activation.None);

    /// <summary>
    /// <c>then(shortcut(x) + scale · body(pre(x)))</c>. Body fields come first and the shortcut's after them
    /// (torchvision registers <c>downsample</c> after <c>conv1</c>…<c>bn3</c>). An <c>auto</c> shortcut projects when
    /// the body may change the size (a stride ≠ 1, a padding that does not keep the size) or the channels: a
    /// condition over the parameters, folded to identity or projection where it is constant.
    /// </summary>
    private Planned Residual(ResidualLayer residual, Flow flow)
    {
        var pre = Body(residual.Pre, flow);
        var body = Body(residual.Body, pre.Output);
        var shortcut = residual.Shortcut;
        var steps = new List<StepPlan>();
        var total = Then(pre.Change, body.Change);
        ShortcutPlan plan;
        switch (shortcut.Kind)
        {
            case ShortcutKind.Auto:
                var projects = body.Change.Changes.Or(Condition.Differs(pre.Output.Channels, body.Output.Channels));
                if (projects == Condition.Never)
                {
                    plan = new ShortcutPlan(ShortcutUse.Identity, ShortcutKind.Identity, shortcut.Name, false);
                    break;
                }

                _fields.Add(new FieldPlan(shortcut.Name, Projection(shortcut, pre.Output, body.Output, body.Change, residual.Span)) { BuiltWhen = projects.Always ? null : projects });
                plan = new ShortcutPlan(projects.Always ? ShortcutUse.Module : ShortcutUse.WhenBuilt, ShortcutKind.Projection, shortcut.Name, true);
                break;
            case ShortcutKind.Identity:
                plan = new ShortcutPlan(ShortcutUse.Identity, ShortcutKind.Identity, shortcut.Name, false);
                break;
            case ShortcutKind.None:
                plan = new ShortcutPlan(ShortcutUse.None, ShortcutKind.None, shortcut.Name, false);
                break;
            case ShortcutKind.Projection:
                _fields.Add(new FieldPlan(shortcut.Name, Projection(shortcut, pre.Output, body.Output, body.Change, residual.Span)));
                plan = new ShortcutPlan(ShortcutUse.Module, ShortcutKind.Projection, shortcut.Name, true);
                break;
            case ShortcutKind.ZeroPad:
                _fields.Add(new FieldPlan(shortcut.Name, new ZeroPadPlan(flow.Channels, body.Output.Channels, total.Stride) { Span = residual.Span }));
                plan = new ShortcutPlan(ShortcutUse.Module, ShortcutKind.ZeroPad, shortcut.Name, false);
                break;
            default:
                if (Sequential(shortcut.Layers, pre.Output, shortcut.Name) is not { } custom)
                {
                    return new Planned(steps, body.Output, total);
                }

                _fields.Add(new FieldPlan(shortcut.Name, custom.Plan with { Span = shortcut.Span }));
                plan = new ShortcutPlan(ShortcutUse.Module, ShortcutKind.Custom, shortcut.Name, true);
                break;
        }

        if (Exprs.Constant(residual.Scale) is not { Number: 1.0 })
        {
            _forwardParameters.UnionWith(Exprs.Names(residual.Scale));
        }

        steps.Add(new ResidualStep(pre.Steps.ToEquatableArray(), body.Steps.ToEquatableArray(), plan, residual.Scale, residual.Then) { Span = residual.Span });
        return new Planned(steps, body.Output, total);
    }

    /// <summary>A 1×1 conv with the body's stride and no bias, then a batch norm unless <c>shortcut_norm: none</c>: keys <c>downsample.0.weight</c>, <c>downsample.1.weight</c>, ….</summary>
    private static SequentialPlan Projection(Shortcut shortcut, Flow input, Flow body, SpatialChange change, SourceSpan span)
    {
        var one = new Pair(Exprs.Int(1), Exprs.Int(1));
        var zero = new Pair(Exprs.Int(0), Exprs.Int(0));
        var conv = new ConvPlan(input.Channels, body.Channels, one, change.Stride, zero, one, Exprs.Int(1), false) { Span = span };
        var entries = new List<EntryPlan> { new("0", conv) };
        if (shortcut.Norm is { } norm)
        {
            entries.Add(new EntryPlan("1", new BatchNormPlan(body.Channels, norm) { Span = span }));
        }

        return new SequentialPlan(entries.ToEquatableArray()) { Span = span };
    }
}
