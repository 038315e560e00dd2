using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// The project's blocks, planned on first use. Diagnostics of planning a block go to the bag of the file that
/// declares it (the file being analysed), or nowhere (another file reports them itself).
/// </summary>
internal sealed class PlanLibrary
{
    private readonly IReadOnlyDictionary<string, BlockDef> _blocks;
    private readonly ISet<string> _unusable;
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, ClassPlan?> _plans = new();

    /// <param name="blocks">Every block of the project by name.</param>
    /// <param name="unusable">Blocks that are, or reach, a cycle (reported by the graph check); they are never planned.</param>
    /// <param name="path">The file being analysed.</param>
    /// <param name="diagnostics">That file's diagnostics.</param>
    public PlanLibrary(IReadOnlyDictionary<string, BlockDef> blocks, ISet<string> unusable, string path, DiagnosticBag diagnostics)
    {
        _blocks = blocks;
        _unusable = unusable;
        _path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>A library of blocks planned already (a network plan's), to walk that plan again at other values.</summary>
    public static PlanLibrary Of(IEnumerable<ClassPlan> planned)
    {
        var library = new PlanLibrary(new Dictionary<string, BlockDef>(), new HashSet<string>(), string.Empty, new DiagnosticBag());
        foreach (var plan in planned)
        {
            library._plans[plan.Name] = plan;
        }

        return library;
    }

    /// <summary>The block's definition, or null when there is none.</summary>
    public BlockDef? Definition(string name) => _blocks.TryGetValue(name, out var block) ? block : null;

    /// <summary>Every planned block.</summary>
    public IReadOnlyDictionary<string, ClassPlan?> Plans => _plans;

    /// <summary>The plan of the block named <paramref name="name"/>, or null when it is unknown or recursive.</summary>
    public ClassPlan? Plan(string name)
    {
        if (_plans.TryGetValue(name, out var known))
        {
            return known;
        }

        if (_unusable.Contains(name) || Definition(name) is not { } block)
        {
            return null;
        }

        // Another file reports its block's problems itself; here only its errors count, so that a network never
        // checks clean on top of a block that cannot be generated.
        var own = block.Span.Path == _path;
        var diagnostics = own ? _diagnostics : new DiagnosticBag();
        var plan = ClassPlanner.PlanBlock(block, this, diagnostics);
        if (!own)
        {
            foreach (var error in diagnostics.ToArray().Where(d => d.Severity == Severity.Error))
            {
                _diagnostics.Add(error);
            }
        }

        _plans[name] = plan;
        return plan;
    }
}
