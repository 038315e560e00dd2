using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

internal sealed partial class Instantiator
{
    private TensorShape? Concat(ConcatStep concat, TensorShape input, Scope scope)
    {
        var start = _stride;
        (long, long)? after = null;
        var outputs = new List<(BranchPlan Branch, TensorShape Shape, string Changed)>();
        foreach (var branch in concat.Branches)
        {
            _stride = start;
            var (shape, changed) = branch.Flat ? FlatBranch(branch, input, scope) : ModuleBranch(branch, input, scope);
            if (shape is null)
            {
                return null;
            }

            after ??= _stride;
            outputs.Add((branch, shape, changed));
        }

        _stride = after ?? start;
        var first = outputs[0];
        foreach (var other in outputs.Skip(1))
        {
            if (first.Shape.Dims.Count != 3 || other.Shape.Dims.Count != 3 || first.Shape.Dims[1] != other.Shape.Dims[1] || first.Shape.Dims[2] != other.Shape.Dims[2])
            {
                _diagnostics.Add(DiagnosticDescriptors.ConcatSpatial, other.Branch.Span, scope.Frame.Where, other.Branch.Name, other.Shape, first.Branch.Name, first.Shape, other.Changed);
                return null;
            }
        }

        return TensorShape.Chw(checked(outputs.Sum(o => o.Shape.Channels)), first.Shape.Dims[1], first.Shape.Dims[2]);
    }

    /// <summary>A flat branch: its steps, one by one, noting every one that changes the size (for the message).</summary>
    private (TensorShape? Shape, string Changed) FlatBranch(BranchPlan branch, TensorShape input, Scope scope)
    {
        var changes = new Changes();
        TensorShape? shape = input;
        foreach (var step in branch.Steps)
        {
            var before = shape!;
            shape = Step(step, before, scope);
            if (shape is null)
            {
                return (null, string.Empty);
            }

            changes.Note(step is ApplyStep apply ? Frame.Join(scope.Prefix, apply.Field) : scope.Prefix, step.Span, before, shape);
        }

        return (shape, changes.ToString());
    }

    /// <summary>A branch that is one field: a Sequential's steps are noted one by one, any other module as a whole.</summary>
    private (TensorShape? Shape, string Changed) ModuleBranch(BranchPlan branch, TensorShape input, Scope scope)
    {
        var index = IndexOf(scope.Class, branch.Name);
        var module = scope.Class.Fields[index].Module;
        var path = Frame.Join(scope.Prefix, branch.Name);
        var order = Key(scope.Order, index);
        var changes = new Changes();
        if (module is not SequentialPlan sequential)
        {
            var output = Module(module, input, scope.Frame, path, order);
            if (output is not null)
            {
                changes.Note(path, module.Span, input, output);
            }

            return (output, changes.ToString());
        }

        var result = Container(path, order, "Sequential", scope.Frame, input, () =>
        {
            TensorShape? shape = input;
            var inner = scope.Frame with { Depth = scope.Frame.Depth + 1 };
            for (var i = 0; i < sequential.Entries.Count && shape is not null; i++)
            {
                var before = shape;
                var entry = sequential.Entries[i];
                shape = Module(entry.Module, before, inner, path + "." + entry.Key, Key(order, i));
                if (shape is not null)
                {
                    changes.Note(path + "." + entry.Key, entry.Module.Span, before, shape);
                }
            }

            return shape;
        });
        return (result, changes.ToString());
    }

    private TensorShape? Residual(ResidualStep residual, TensorShape input, Scope scope)
    {
        var start = _stride;
        var afterPre = Steps(residual.Pre, input, scope);
        var preStride = _stride;
        var body = Steps(residual.Body, afterPre, scope);
        var bodyStride = _stride;
        if (afterPre is null || body is null || _evaluator.Evaluate(residual.Scale, scope.Frame) is null)
        {
            return null;
        }

        var shortcut = residual.Shortcut;
        var use = shortcut.Use;
        if (use == ShortcutUse.WhenBuilt)
        {
            var condition = scope.Class.Field(shortcut.Field).BuiltWhen!;
            use = Holds(condition, scope.Frame) ? ShortcutUse.Module : ShortcutUse.Identity;
        }

        var where = scope.Frame.Where;
        TensorShape? result;
        if (use == ShortcutUse.None)
        {
            result = body;
        }
        else if (use == ShortcutUse.Identity)
        {
            result = Matches(residual, where, body, input) ? body : null;
        }
        else
        {
            _stride = shortcut.ReadsPreActivated ? preStride : start;
            var source = shortcut.ReadsPreActivated ? afterPre : input;
            result = shortcut.Kind switch
            {
                ShortcutKind.Projection => Projection(residual, where, source, body, scope),
                ShortcutKind.ZeroPad => ZeroPad(residual, where, source, body, scope),
                _ => Field(shortcut.Field, source, scope) is { } custom && Matches(residual, where, body, custom) ? body : null,
            };
        }

        _stride = bodyStride;
        return result;
    }

    private static bool Holds(Condition condition, Frame frame) =>
        condition.Always || condition.Terms.Any(t => Evaluator.TryValue(t.Left, frame.Env) is not { } l || Evaluator.TryValue(t.Right, frame.Env) is not { } r || !l.Equals(r));

    private bool Matches(ResidualStep residual, Place where, TensorShape body, TensorShape shortcut)
    {
        if (body == shortcut)
        {
            return true;
        }

        if (body.Dims.Count != shortcut.Dims.Count || body.Channels != shortcut.Channels)
        {
            _diagnostics.Add(DiagnosticDescriptors.ResidualChannels, residual.Span, where, body, shortcut, body.Channels, shortcut.Channels);
        }
        else
        {
            _diagnostics.Add(DiagnosticDescriptors.ResidualSpatial, residual.Span, where, body, shortcut, Spatial(body), Spatial(shortcut));
        }

        return false;
    }

    /// <summary>The projection (a 1×1 conv with the body's stride, and its norm) must give the body's shape.</summary>
    private TensorShape? Projection(ResidualStep residual, Place where, TensorShape input, TensorShape body, Scope scope)
    {
        if (input.Dims.Count != 3 || body.Dims.Count != 3)
        {
            return Matches(residual, where, body, input) ? body : null;
        }

        var field = scope.Class.Field(residual.Shortcut.Field);
        var conv = (ConvPlan)((SequentialPlan)field.Module).Entries[0].Module;
        if (Pair(conv.Stride, scope.Frame, "s", new Place(() => $"the projection of the residual in {where}"), 1) is not { } stride)
        {
            return null;
        }

        var projected = TensorShape.Chw(body.Channels, (int)OutputSize.Conv(input.Dims[1], 1, stride.H, 0, 1), (int)OutputSize.Conv(input.Dims[2], 1, stride.W, 0, 1));
        if (projected != body)
        {
            var text = stride.H == stride.W ? stride.H.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"[{stride.H}, {stride.W}]";
            _diagnostics.Add(DiagnosticDescriptors.ProjectionMismatch, residual.Span, where, text, input, projected, body);
            return null;
        }

        return Field(residual.Shortcut.Field, input, scope);
    }

    private TensorShape? ZeroPad(ResidualStep residual, Place where, TensorShape input, TensorShape body, Scope scope)
    {
        if (input.Dims.Count != 3 || body.Dims.Count != 3)
        {
            return Matches(residual, where, body, input) ? body : null;
        }

        var index = IndexOf(scope.Class, residual.Shortcut.Field);
        var plan = (ZeroPadPlan)scope.Class.Fields[index].Module;
        if (Pair(plan.Stride, scope.Frame, "s", new Place(() => $"the zero-padding shortcut of the residual in {where}"), 1) is not { } stride
            || !Consistent(plan.In, input.Channels, scope.Frame, "the zero-padding shortcut", residual.Span))
        {
            return null;
        }

        var subsampled = TensorShape.Chw(input.Channels, (int)OutputSize.Subsample(input.Dims[1], stride.H), (int)OutputSize.Subsample(input.Dims[2], stride.W));
        if (body.Channels < input.Channels)
        {
            _diagnostics.Add(DiagnosticDescriptors.ZeroPadShortcut, residual.Span, where, input, body, $"zero padding can only add channels ({input.Channels} > {body.Channels})");
            return null;
        }

        if (subsampled.Dims[1] != body.Dims[1] || subsampled.Dims[2] != body.Dims[2])
        {
            var text = stride.H == stride.W ? stride.H.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"[{stride.H}, {stride.W}]";
            _diagnostics.Add(DiagnosticDescriptors.ZeroPadShortcut, residual.Span, where, input, body, $"subsampling by the body's stride {text} gives {Spatial(subsampled)}, not {Spatial(body)}");
            return null;
        }

        return Leaf(Frame.Join(scope.Prefix, residual.Shortcut.Field), Key(scope.Order, index), "ZeroPadShortcut", scope.Frame, input, body, 0, 0);
    }

    /// <summary>Runs the head on the tensor here; the main path goes on with it unchanged.</summary>
    private TensorShape? AuxHead(AuxStep aux, TensorShape input, Scope scope)
    {
        var start = _stride;
        var field = scope.Class.Field(aux.Field);
        var output = Field(aux.Field, input, scope);
        _stride = start;
        if (output is null)
        {
            return null;
        }

        if (output.Dims.Count != 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.AuxOutputNotFlat, aux.Span, Frame.Join(scope.Prefix, aux.Field), ((BlockPlan)field.Module).Block.Name, input, output);
            return null;
        }

        return input;
    }

    /// <summary>The layers of a branch that change the spatial size, in order, in words.</summary>
    private sealed class Changes
    {
        private readonly List<string> _changes = new();

        public void Note(string path, SourceSpan span, TensorShape before, TensorShape after)
        {
            if (after.Dims.Count != before.Dims.Count || (after.Dims.Count == 3 && (after.Dims[1] != before.Dims[1] || after.Dims[2] != before.Dims[2])))
            {
                _changes.Add($"'{path}' at {span} ({before} → {after})");
            }
        }

        public override string ToString() => _changes.Count == 0
            ? "no layer of the branch changes the size"
            : "the size is changed by " + string.Join(", then ", _changes);
    }
}
