using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

internal sealed partial class ClassPlanner
{
    /// <summary>
    /// One use of a block: its constructor call, and the channels and spatial change after it, which are the
    /// block's own expressions with this use's arguments (and input channels) put in.
    /// </summary>
    private PlannedModule? Use(string name, IEnumerable<Argument> args, Flow flow, Layer use, string path, bool report = true)
    {
        if (_library.Definition(name) is not { } block || _library.Plan(name) is not { } plan)
        {
            return null;
        }

        var given = args.ToList();
        if (report && !ArgumentsFit(block, given, use.Span))
        {
            return null;
        }

        var values = new Dictionary<string, Expr>(System.StringComparer.Ordinal) { [BlockDef.InChannelsParameter] = flow.Channels };
        var arguments = new List<ArgumentPlan>();
        foreach (var parameter in block.Params)
        {
            if (given.LastOrDefault(a => a.Name == parameter.Name) is { } arg)
            {
                values[parameter.Name] = arg.Value;
                arguments.Add(new ArgumentPlan(parameter.Name, parameter.Type, arg.Value));
            }
            else if (parameter.Default is { } fallback)
            {
                values[parameter.Name] = fallback;
            }
            else
            {
                return null;
            }
        }

        var change = new SpatialChange(
            plan.Spatial.Changes.Substitute(values),
            new Pair(Exprs.Substitute(plan.Spatial.Stride.H, values), Exprs.Substitute(plan.Spatial.Stride.W, values)));
        var outer = plan.SpatialParams.SelectMany(p => values.TryGetValue(p, out var value) ? Exprs.Names(value) : Enumerable.Empty<string>()).ToList();
        _spatialParams.UnionWith(outer);
        var spatial = plan.OutputSpatial ?? (change.Changes == Condition.Never ? flow.Spatial : null);
        var rank = !plan.OutputFlat ? Rank.Chw : Rank.Flat;
        var output = new Flow(Exprs.Substitute(plan.OutputChannels, values), rank, spatial, plan.OutputSpatial is null && (flow.SpatialVaries || outer.Count > 0));
        var module = new BlockPlan(new BlockRef(block.Name, block.Namespace), flow.Channels, arguments.ToEquatableArray()) { Span = use.Span };
        return new PlannedModule(module, output, change);
    }

    /// <summary>Reports arguments the block does not have and parameters without a default that get none.</summary>
    private bool ArgumentsFit(BlockDef block, IReadOnlyList<Argument> given, SourceSpan useSpan)
    {
        var ok = true;
        foreach (var arg in given.Where(a => block.Params.All(p => p.Name != a.Name)))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownArgument, arg.Span, block.Name, arg.Name, Suggestions.DidYouMean(arg.Name, block.Params.Select(p => p.Name)));
            ok = false;
        }

        foreach (var parameter in block.Params.Where(p => p.Default is null && given.All(a => a.Name != p.Name)))
        {
            _diagnostics.Add(DiagnosticDescriptors.MissingArgument, useSpan, block.Name, parameter.Name, $" (used in {_where})");
            ok = false;
        }

        return ok;
    }

    /// <summary>A repeat with a constant count: a Sequential of that many uses, each reading what the one before gives.</summary>
    private PlannedModule? RepeatUnrolled(RepeatLayer repeat, Value count, Flow flow, string path)
    {
        if (!RepeatCountFits(repeat, (long)count.Number, path, _diagnostics) || !RepeatArgumentsFit(repeat))
        {
            return null;
        }

        var entries = new List<EntryPlan>();
        var change = SpatialChange.None;
        for (var i = 0; i < (int)count.Number; i++)
        {
            if (Use(repeat.Block, ArgumentsAt(repeat, i), flow, repeat, path, report: false) is not { } use)
            {
                return null;
            }

            entries.Add(new EntryPlan(i.ToString(CultureInfo.InvariantCulture), use.Plan));
            (flow, change) = (use.Output, Then(change, use.Change));
        }

        return new PlannedModule(new SequentialPlan(entries.ToEquatableArray()) { Span = repeat.Span }, flow, change);
    }

    /// <summary>
    /// A repeat whose count depends on parameters: built in a loop, so every use after the first must keep the
    /// width the first one gives (the loop passes them all the same input channels).
    /// </summary>
    private Planned RepeatLoop(RepeatLayer repeat, Flow flow)
    {
        var none = new Planned(new List<StepPlan>(), flow, SpatialChange.None);
        if (!RepeatArgumentsFit(repeat) || Use(repeat.Block, ArgumentsAt(repeat, 0), flow, repeat, repeat.Name, report: false) is not { } first)
        {
            return none;
        }

        var later = repeat.Overrides.Select(o => o.Index).Where(i => i > 0).Distinct().Prepend(-1);
        var change = first.Change;
        foreach (var index in later)
        {
            var args = index < 0 ? repeat.Args : ArgumentsAt(repeat, index);
            if (Use(repeat.Block, args, first.Output, repeat, repeat.Name, report: false) is not { } rest)
            {
                return none;
            }

            if (!Exprs.Same(rest.Output.Channels, first.Output.Channels))
            {
                NotGeneratable(repeat.Span, $"repeat '{repeat.Name}' has a count that depends on parameters, so it is built in a loop that gives every block after the first the first one's output channels ({first.Output.Channels}), but block '{repeat.Block}' then outputs {rest.Output.Channels}; make the later blocks keep the width, or give a constant count");
                return none;
            }

            change = Then(change, rest.Change);
        }

        var block = (BlockPlan)first.Plan;
        var plan = new RepeatPlan(
            repeat.Count,
            block.Block,
            flow.Channels,
            first.Output.Channels,
            SharedArguments(repeat),
            repeat.Overrides.Select(o => new OverridePlan(o.Index, Typed(repeat.Block, o.Args), o.Span)).ToEquatableArray())
        {
            Span = repeat.Span,
        };
        _spatialParams.UnionWith(change.Changes == Condition.Never ? Enumerable.Empty<string>() : Exprs.Names(repeat.Count));
        return Apply(repeat.Name, plan, repeat.Span, first.Output, change);
    }

    /// <summary>Reports unknown arguments (shared or at an index) and a missing one at the first index that lacks it.</summary>
    private bool RepeatArgumentsFit(RepeatLayer repeat)
    {
        if (_library.Definition(repeat.Block) is not { } block)
        {
            return false;
        }

        var ok = true;
        foreach (var arg in repeat.Args.Concat(repeat.Overrides.SelectMany(o => o.Args)).Where(a => block.Params.All(p => p.Name != a.Name)))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownArgument, arg.Span, block.Name, arg.Name, Suggestions.DidYouMean(arg.Name, block.Params.Select(p => p.Name)));
            ok = false;
        }

        var indices = repeat.Overrides.Select(o => o.Index).Prepend(0).Distinct().OrderBy(i => i);
        foreach (var parameter in block.Params.Where(p => p.Default is null))
        {
            if (indices.Any(i => ArgumentsAt(repeat, i).All(a => a.Name != parameter.Name)))
            {
                _diagnostics.Add(DiagnosticDescriptors.MissingArgument, repeat.Span, block.Name, parameter.Name, $" (used in {_where})");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>The checks on a repeat's count, shared by the planner (constant counts) and the instantiator (the others).</summary>
    public static bool RepeatCountFits(RepeatLayer repeat, long count, string path, DiagnosticBag diagnostics) =>
        RepeatCountFits(count, repeat.Block, repeat.Overrides.Select(o => (o.Index, o.Span)), repeat.Span, path, diagnostics);

    /// <inheritdoc cref="RepeatCountFits(RepeatLayer, long, string, DiagnosticBag)"/>
    public static bool RepeatCountFits(long count, string block, IEnumerable<(int Index, SourceSpan Span)> overrides, SourceSpan span, string path, DiagnosticBag diagnostics)
    {
        if (count < 1)
        {
            diagnostics.Add(DiagnosticDescriptors.RepeatBelowOne, span, path, block, count);
            return false;
        }

        if (count > MaxRepeat)
        {
            diagnostics.Add(DiagnosticDescriptors.TooLarge, span, $"repeat '{path}' with count {count}", MaxRepeat);
            return false;
        }

        foreach (var (index, overrideSpan) in overrides)
        {
            if (index >= count)
            {
                diagnostics.Add(DiagnosticDescriptors.OverrideOutOfRange, overrideSpan, path, count, count - 1, index);
                return false;
            }
        }

        return true;
    }

    /// <summary>The largest repeat count.</summary>
    public const int MaxRepeat = 10_000;

    private static IEnumerable<Argument> ArgumentsAt(RepeatLayer repeat, int index)
    {
        var overrides = repeat.Overrides.Where(o => o.Index == index).SelectMany(o => o.Args).ToList();
        return repeat.Args.Where(a => overrides.All(o => o.Name != a.Name)).Concat(overrides);
    }

    /// <summary>
    /// The arguments every index gets, in the block's parameter order; a parameter only some indices override
    /// gets its default here, so that each index's value is written out.
    /// </summary>
    private EquatableArray<ArgumentPlan> SharedArguments(RepeatLayer repeat)
    {
        var overridden = repeat.Overrides.SelectMany(o => o.Args).Select(a => a.Name).ToList();
        return _library.Definition(repeat.Block)!.Params
            .Select(p => repeat.Args.LastOrDefault(a => a.Name == p.Name) is { } arg
                ? new ArgumentPlan(p.Name, p.Type, arg.Value)
                : overridden.Contains(p.Name) && p.Default is { } fallback ? new ArgumentPlan(p.Name, p.Type, fallback) : null)
            .OfType<ArgumentPlan>()
            .ToEquatableArray();
    }

    private EquatableArray<ArgumentPlan> Typed(string block, IEnumerable<Argument> args)
    {
        var parameters = _library.Definition(block)!.Params;
        return args.Select(a => new ArgumentPlan(a.Name, parameters.First(p => p.Name == a.Name).Type, a.Value)).ToEquatableArray();
    }
}
