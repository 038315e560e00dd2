using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// A network's plan and instances: the instance at its nominal input (the summary, the state dict, the input
/// features of linear layers after a <c>flatten</c>), then every other input size it accepts.
/// </summary>
internal static class NetworkAnalysis
{
    public static NetworkPlan? Analyze(NetworkDef network, PlanLibrary plans, DiagnosticBag diagnostics)
    {
        var planned = ClassPlanner.PlanNetwork(network, plans, diagnostics);
        var accepts = network.AcceptedInputs;
        var input = TensorShape.Chw(network.Input[0], network.Input[1], network.Input[2]);
        if (!accepts.Contains(input.Dims[0], input.Dims[1], input.Dims[2]))
        {
            diagnostics.Add(DiagnosticDescriptors.InputNotAccepted, network.AcceptsSpan, input, network.Name, accepts);
            return null;
        }

        var env = SpecAnalyzer.Defaults(network.Params);
        var nominal = new Instantiator(diagnostics, plans, record: true);
        var output = nominal.WalkClass(planned.Plan, input, new Frame(env, 0, Place.Of($"network '{network.Name}'")), string.Empty);
        if (output is null)
        {
            return null;
        }

        var plan = Fill(planned, nominal.LinearInputs, env, diagnostics);
        if (plan is null)
        {
            return null;
        }

        var blocks = UsedBlocks(plan, plans);
        if (!OtherSizesFit(network, plan, blocks, plans, input, nominal, env, diagnostics))
        {
            return null;
        }

        var summary = new NetworkSummary(network.Name, input, output, nominal.Parameters, nominal.MultiplyAdds, nominal.Rows.ToEquatableArray())
        {
            Tensors = nominal.Tensors.ToEquatableArray(),
        };
        return new NetworkPlan(plan, accepts, summary, blocks.ToEquatableArray());
    }

    /// <summary>
    /// A linear layer after a <c>flatten</c> of a grid whose size only the instance knows: its input features are
    /// the channels before the flatten (an expression) times the grid's area at the nominal input, which must not
    /// depend on a network parameter.
    /// </summary>
    private static ClassPlan? Fill(PlannedNetwork planned, IReadOnlyDictionary<string, long> features, Dictionary<string, Value> env, DiagnosticBag diagnostics)
    {
        var plan = planned.Plan;
        foreach (var pending in planned.Pending)
        {
            if (pending.SpatialVaries)
            {
                var names = string.Join("', '", plan.SpatialParams);
                diagnostics.Add(DiagnosticDescriptors.NotGeneratable, pending.Span, $"the input features of linear layer '{pending.Path}' depend on the parameters '{names}' through the size of the flattened grid, and a linear layer's input features must be fixed when it is built; add a global pool before 'flatten', or make the sizes constants");
                return null;
            }

            if (!features.TryGetValue(pending.Path, out var total) || Evaluator.TryValue(pending.Channels, env) is not { IsInt: true } channels || channels.Number < 1)
            {
                diagnostics.Add(DiagnosticDescriptors.InternalError, pending.Span, $"the instance gave no input features for linear layer '{pending.Path}'");
                return null;
            }

            var area = total / (long)channels.Number;
            plan = PlanEdits.Replace(plan, pending.Path, m => ((LinearPlan)m) with { In = Exprs.Multiply(pending.Channels, Exprs.Int(area)) });
        }

        return plan;
    }

    /// <summary>
    /// Runs the network at every other accepted size that can behave differently: each listed size, and for a
    /// range one period of the network's cumulative strides from its minimum (sizes a period apart give the
    /// same remainders at every stride, so they pass or fail alike, and a larger size never makes an output
    /// too small). Height and
    /// width are independent (every layer treats them apart), so each varies with the other at its nominal value.
    /// Reports the first size that fails, with the layer that breaks.
    /// </summary>
    private static bool OtherSizesFit(NetworkDef network, ClassPlan plan, IReadOnlyList<ClassPlan> blocks, PlanLibrary plans, TensorShape input, Instantiator nominal, Dictionary<string, Value> env, DiagnosticBag diagnostics)
    {
        var accepts = network.AcceptedInputs;
        var heights = Candidates(accepts.Height, nominal.Period.H).Where(h => h != input.Dims[1]).Select(h => (H: h, W: input.Dims[2]));
        var widths = Candidates(accepts.Width, nominal.Period.W).Where(w => w != input.Dims[2]).Select(w => (H: input.Dims[1], W: w));

        // A network that treats height and width alike, at a square input, fails at [h, w] exactly when it fails at [w, h].
        var square = input.Dims[1] == input.Dims[2] && accepts.Height == accepts.Width && IsSquare(plan) && blocks.All(IsSquare);
        var sizes = square ? heights : heights.Concat(widths);
        foreach (var (h, w) in sizes)
        {
            var shape = TensorShape.Chw(input.Dims[0], h, w);
            var bag = new DiagnosticBag();
            var walker = new Instantiator(bag, plans, record: false);
            var output = walker.WalkClass(plan, shape, new Frame(env, 0, Place.Of($"network '{network.Name}' at input {shape}")), string.Empty);
            foreach (var linear in walker.LinearInputs)
            {
                if (nominal.LinearInputs.TryGetValue(linear.Key, out var expected) && expected != linear.Value)
                {
                    diagnostics.Add(DiagnosticDescriptors.FeaturesDependOnSize, FindSpan(plan, linear.Key), linear.Key, network.Name, expected, input, linear.Value, shape);
                    return false;
                }
            }

            foreach (var diagnostic in bag.ToArray())
            {
                diagnostics.Add(diagnostic);
            }

            if (output is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The sizes to run: every listed one, or one period of a range from its minimum, and at least two sizes (a
    /// flattened grid's features change with every size, whatever the period).
    /// </summary>
    /// <summary>Whether every kernel, stride, padding, dilation and pool size of the class is the same in height and width.</summary>
    private static bool IsSquare(ClassPlan plan) => plan.Fields.All(f => IsSquare(f.Module));

    private static bool IsSquare(ModulePlan module)
    {
        static bool Same(params Pair[] pairs) => pairs.All(p => Exprs.Same(p.H, p.W));
        return module switch
        {
            ConvPlan conv => Same(conv.Kernel, conv.Stride, conv.Padding, conv.Dilation),
            ConvUnitPlan unit => IsSquare(unit.Conv),
            PoolPlan pool => Same(pool.Kernel, pool.Stride, pool.Padding),
            AdaptivePoolPlan pool => Same(pool.Size),
            ZeroPadPlan zero => Same(zero.Stride),
            SequentialPlan sequential => sequential.Entries.All(e => IsSquare(e.Module)),
            _ => true,
        };
    }

    /// <summary>Every block class reachable from <paramref name="plan"/>, each after the blocks it uses.</summary>
    private static List<ClassPlan> UsedBlocks(ClassPlan plan, PlanLibrary plans)
    {
        var order = new List<ClassPlan>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        void Visit(ClassPlan owner)
        {
            foreach (var block in owner.Fields.SelectMany(f => Uses(f.Module)))
            {
                if (seen.Add(block) && plans.Plan(block) is { } used)
                {
                    Visit(used);
                    order.Add(used);
                }
            }
        }

        Visit(plan);
        return order;
    }

    private static IEnumerable<string> Uses(ModulePlan module) => module switch
    {
        BlockPlan block => new[] { block.Block.Name },
        RepeatPlan repeat => new[] { repeat.Block.Name },
        SequentialPlan sequential => sequential.Entries.SelectMany(e => Uses(e.Module)),
        _ => Enumerable.Empty<string>(),
    };

    private static IEnumerable<int> Candidates(SizeSet set, long period)
    {
        if (!set.IsRange)
        {
            return set.Values;
        }

        var last = set.Min + System.Math.Max(period, 2) - 1;
        return Enumerable.Range(set.Min, (int)((set.Max is { } max && max < last ? max : last) - set.Min + 1));
    }

    private static SourceSpan FindSpan(ClassPlan plan, string path)
    {
        var dot = path.IndexOf('.');
        var module = plan.Field(dot < 0 ? path : path.Substring(0, dot)).Module;
        foreach (var key in dot < 0 ? Enumerable.Empty<string>() : path.Substring(dot + 1).Split('.'))
        {
            module = module is SequentialPlan s && s.Entries.FirstOrDefault(e => e.Key == key) is { } entry ? entry.Module : module;
        }

        return module.Span;
    }
}
