using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Analysis
{
    /// <summary>Which blocks each block uses: finds unknown blocks and cycles before anything is instantiated.</summary>
    internal sealed class BlockGraph
    {
        private readonly IReadOnlyDictionary<string, BlockDef> _blocks;

        public BlockGraph(IReadOnlyDictionary<string, BlockDef> blocks) => _blocks = blocks;

        /// <summary>Every block use in <paramref name="layers"/>, nested ones included, with the layer that names it.</summary>
        public static IEnumerable<(string Block, Layer Use)> Uses(IEnumerable<Layer> layers)
        {
            foreach (var layer in layers)
            {
                var nested = layer switch
                {
                    BlockLayer b => new[] { (b.Block, (Layer)b) },
                    RepeatLayer r => new[] { (r.Block, (Layer)r) },
                    AuxHeadLayer a => new[] { (a.Block, (Layer)a) },
                    ConcatLayer c => Uses(c.Branches.SelectMany(b => b.Layers)),
                    ResidualLayer r => Uses(r.Pre.Concat(r.Body).Concat(r.Shortcut.Layers)),
                    SequenceLayer s => Uses(s.Layers),
                    _ => Enumerable.Empty<(string, Layer)>(),
                };
                foreach (var use in nested)
                {
                    yield return use;
                }
            }
        }

        /// <summary>Reports uses of blocks that do not exist; true when all exist.</summary>
        public bool CheckKnown(IEnumerable<Layer> layers, DiagnosticBag diagnostics)
        {
            var ok = true;
            foreach (var (block, use) in Uses(layers).Where(u => !_blocks.ContainsKey(u.Block)))
            {
                diagnostics.Add(DiagnosticDescriptors.UnknownBlock, use.Span, block, Suggestions.DidYouMean(block, _blocks.Keys));
                ok = false;
            }

            return ok;
        }

        /// <summary>
        /// The cycle through <paramref name="start"/>'s uses, as block names (<c>A → B → A</c>), with the use in
        /// <paramref name="start"/> that begins it; null when <paramref name="start"/> reaches no cycle through itself.
        /// </summary>
        public (List<string> Cycle, Layer Use)? CycleThrough(BlockDef start)
        {
            foreach (var (name, use) in Uses(start.Layers))
            {
                var path = new List<string> { start.Name };
                if (Reaches(name, start.Name, path, new HashSet<string>()))
                {
                    return (path, use);
                }
            }

            return null;
        }

        /// <summary>True when some block reachable from the given layers uses itself.</summary>
        public bool ReachesCycle(IEnumerable<Layer> layers)
        {
            var done = new HashSet<string>();
            return Uses(layers).Any(u => HasCycle(u.Block, new HashSet<string>(), done));
        }

        private bool Reaches(string from, string target, List<string> path, HashSet<string> seen)
        {
            path.Add(from);
            if (from == target)
            {
                return true;
            }

            if (seen.Add(from) && _blocks.TryGetValue(from, out var block) && Uses(block.Layers).Any(u => Reaches(u.Block, target, path, seen)))
            {
                return true;
            }

            path.RemoveAt(path.Count - 1);
            return false;
        }

        private bool HasCycle(string name, HashSet<string> onPath, HashSet<string> done)
        {
            if (done.Contains(name) || !_blocks.TryGetValue(name, out var block))
            {
                return false;
            }

            if (!onPath.Add(name))
            {
                return true;
            }

            var found = Uses(block.Layers).Any(u => HasCycle(u.Block, onPath, done));
            onPath.Remove(name);
            done.Add(name);
            return found;
        }
    }
}
