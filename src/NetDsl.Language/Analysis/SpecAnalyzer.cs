using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// Analysis of one file against the project's blocks: unknown and recursive blocks, the plan of every block and
/// of the network, the network's instance at its nominal input and default parameters (and at every other input
/// size it accepts), and every block that declares <c>in:</c> and has defaults, on its own. The diagnostics come
/// from building the plan; the plan is returned only when there are no errors. Never throws.
/// </summary>
public static class SpecAnalyzer
{
    /// <summary>Analyses <paramref name="file"/>; <paramref name="library"/> holds every block of the project (this file's included).</summary>
    public static AnalysisResult Analyze(SpecFile file, EquatableArray<BlockDef> library)
    {
        var diagnostics = new DiagnosticBag();
        FilePlan? plan = null;
        try
        {
            plan = Plan(file, library, diagnostics);
        }
        catch (Instantiator.TooLargeException)
        {
            plan = null;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, SourceSpan.None(file.Path), e.GetType().Name + ": " + e.Message);
        }

        var distinct = Distinct(diagnostics.ToArray());
        return new AnalysisResult(distinct, distinct.Any(d => d.Severity == Severity.Error) ? null : plan);
    }

    private static FilePlan? Plan(SpecFile file, EquatableArray<BlockDef> library, DiagnosticBag diagnostics)
    {
        var blocks = Index(file, library, diagnostics);
        var graph = new BlockGraph(blocks);
        var known = file.Blocks.Aggregate(true, (ok, b) => graph.CheckKnown(b.Layers, diagnostics) && ok);
        known = (file.Network is null || graph.CheckKnown(file.Network.Layers, diagnostics)) && known;
        foreach (var block in file.Blocks)
        {
            if (graph.CycleThrough(block) is { } cycle)
            {
                diagnostics.Add(DiagnosticDescriptors.RecursiveBlock, cycle.Use.Span, block.Name, string.Join(" → ", cycle.Cycle));
            }
        }

        var unusable = new HashSet<string>(blocks.Values.Where(b => graph.ReachesCycle(b.Layers)).Select(b => b.Name), StringComparer.Ordinal);
        var plans = new PlanLibrary(blocks, unusable, file.Path, diagnostics);
        var own = file.Blocks.Where(b => !unusable.Contains(b.Name) && blocks[b.Name] == b).ToList();
        var classes = own.Select(b => plans.Plan(b.Name)).OfType<ClassPlan>().ToEquatableArray();
        foreach (var block in own.Where(b => b.InShape.Count == 3 && b.Params.All(p => p.Default is not null)))
        {
            CheckAlone(block, plans, diagnostics);
        }

        NetworkPlan? network = null;
        if (file.Network is { Input.Count: 3 } declared && known && declared.Params.All(p => p.Default is not null) && !graph.ReachesCycle(declared.Layers))
        {
            network = NetworkAnalysis.Analyze(declared, plans, diagnostics);
        }

        return new FilePlan(file.Path, file.Namespace, classes, network);
    }

    private static Dictionary<string, BlockDef> Index(SpecFile file, EquatableArray<BlockDef> library, DiagnosticBag diagnostics)
    {
        var blocks = new Dictionary<string, BlockDef>(StringComparer.Ordinal);
        foreach (var block in library.Concat(file.Blocks))
        {
            if (!blocks.TryGetValue(block.Name, out var first))
            {
                blocks.Add(block.Name, block);
            }
            else if (first != block && block.Span.Path == file.Path)
            {
                diagnostics.Add(DiagnosticDescriptors.DuplicateBlock, block.Span, block.Name);
            }
        }

        return blocks;
    }

    /// <summary>A block with <c>in:</c> and defaults for every parameter is run on its own at that input.</summary>
    private static void CheckAlone(BlockDef block, PlanLibrary plans, DiagnosticBag diagnostics)
    {
        if (plans.Plan(block.Name) is not { } plan || block.InShape.Any(e => Exprs.Names(e).Contains(BlockDef.InChannelsParameter)))
        {
            return;
        }

        var env = Defaults(block.Params);
        var where = Place.Of($"block '{block.Name}' (checked alone with its defaults)");
        var evaluator = new Evaluator(diagnostics);
        var dims = block.InShape.Select(e => evaluator.Int(e, new Frame(env, 0, where), "in", where, 1)).ToList();
        if (dims.Any(d => d is null))
        {
            return;
        }

        env[BlockDef.InChannelsParameter] = Value.Int(dims[0]!.Value);
        new Instantiator(diagnostics, plans, record: false).WalkClass(plan, TensorShape.Chw(dims[0]!.Value, dims[1]!.Value, dims[2]!.Value), new Frame(env, 0, where), string.Empty);
    }

    /// <summary>The parameters' default values.</summary>
    internal static Dictionary<string, Value> Defaults(IEnumerable<ParamDef> parameters) =>
        parameters.ToDictionary(p => p.Name, p => new Value(((NumberExpr)p.Default!).Value, p.Type == ParamType.Int), StringComparer.Ordinal);

    /// <summary>
    /// One diagnostic per id and place: a block checked alone and again where it is used, or used at several
    /// places with the same problem, reports it once.
    /// </summary>
    private static EquatableArray<SpecDiagnostic> Distinct(IEnumerable<SpecDiagnostic> diagnostics)
    {
        var seen = new HashSet<(string, SourceSpan)>();
        return diagnostics.Where(d => seen.Add((d.Id, d.Span))).ToEquatableArray();
    }
}

/// <summary>What analysing one file found: its diagnostics, and its plan when it has no errors.</summary>
public sealed record AnalysisResult(EquatableArray<SpecDiagnostic> Diagnostics, FilePlan? Plan)
{
    /// <summary>The network's summary at its nominal input, when the file has a network and no errors.</summary>
    public NetworkSummary? Network => Plan?.Network?.Summary;
}
