using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Shapes;

namespace NetDsl.Language
{
    /// <summary>
    /// Checks a parsed file against the project's blocks: unknown and recursive blocks, then every tensor shape
    /// through the network (with default parameters) and through each block that declares <c>in:</c> and can be
    /// built from its defaults. Never throws.
    /// </summary>
    public static class SpecChecker
    {
        /// <summary>Checks <paramref name="file"/>; <paramref name="library"/> holds every block of the project (this file's included).</summary>
        public static CheckResult Check(SpecFile file, EquatableArray<BlockDef> library)
        {
            var diagnostics = new DiagnosticBag();
            NetworkSummary? summary = null;
            try
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

                var usable = file.Blocks.Where(b => !graph.ReachesCycle(b.Layers)).ToList();
                foreach (var block in usable.Where(b => b.InShape.Count == 3 && b.Params.All(p => p.Default is not null)))
                {
                    CheckAlone(block, blocks, diagnostics);
                }

                if (file.Network is { Input.Count: 3 } network && known && network.Params.All(p => p.Default is not null) && !graph.ReachesCycle(network.Layers))
                {
                    summary = Summarize(network, blocks, diagnostics);
                }
            }
            catch (ShapeWalker.TooLargeException)
            {
                summary = null;
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticDescriptors.InternalError, SourceSpan.None(file.Path), e.GetType().Name + ": " + e.Message);
                summary = null;
            }

            return new CheckResult(diagnostics.ToArray(), diagnostics.HasErrors ? null : summary);
        }

        private static Dictionary<string, BlockDef> Index(SpecFile file, EquatableArray<BlockDef> library, DiagnosticBag diagnostics)
        {
            var blocks = new Dictionary<string, BlockDef>();
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

        private static void CheckAlone(BlockDef block, IReadOnlyDictionary<string, BlockDef> blocks, DiagnosticBag diagnostics)
        {
            var env = block.Params.ToDictionary(p => p.Name, p => new Value(((NumberExpr)p.Default!).Value, p.Type == ParamType.Int));
            if (block.InShape.Any(ReferencesInChannels))
            {
                return;
            }

            var where = $"block '{block.Name}' (checked alone with its defaults)";
            var evaluator = new Evaluator(diagnostics);
            var dims = block.InShape.Select(e => evaluator.Int(e, new Frame(env, 0, where), "in", where, 1)).ToList();
            if (dims.Any(d => d is null))
            {
                return;
            }

            env[BlockDef.InChannelsParameter] = Value.Int(dims[0]!.Value);
            new ShapeWalker(diagnostics, blocks).WalkBlock(block, TensorShape.Chw(dims[0]!.Value, dims[1]!.Value, dims[2]!.Value), env, 0, string.Empty, where);
        }

        private static bool ReferencesInChannels(Expr expr) => expr switch
        {
            ParamExpr p => p.Name == BlockDef.InChannelsParameter,
            BinaryExpr b => ReferencesInChannels(b.Left) || ReferencesInChannels(b.Right),
            _ => false,
        };

        private static NetworkSummary? Summarize(NetworkDef network, IReadOnlyDictionary<string, BlockDef> blocks, DiagnosticBag diagnostics)
        {
            var env = network.Params.ToDictionary(p => p.Name, p => new Value(((NumberExpr)p.Default!).Value, p.Type == ParamType.Int));
            var input = TensorShape.Chw(network.Input[0], network.Input[1], network.Input[2]);
            var walker = new ShapeWalker(diagnostics, blocks);
            var output = walker.Walk(network.Layers, input, new Frame(env, 0, $"network '{network.Name}'"), string.Empty);
            return output is null ? null : new NetworkSummary(network.Name, input, output, walker.Parameters, walker.MultiplyAdds, walker.Rows.ToEquatableArray());
        }
    }

    /// <summary>What checking found: diagnostics, and the network's summary when it has a network and no errors.</summary>
    public sealed record CheckResult(EquatableArray<SpecDiagnostic> Diagnostics, NetworkSummary? Network);
}
