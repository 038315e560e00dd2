using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Plan;

/// <summary>How a repeat's per-index overrides combine with its shared arguments.</summary>
internal static class Arguments
{
    public static EquatableArray<ArgumentPlan> At(EquatableArray<ArgumentPlan> shared, EquatableArray<OverridePlan> overrides, int index)
    {
        var replaced = overrides.Where(o => o.Index == index).SelectMany(o => o.Args).ToList();
        return replaced.Count == 0
            ? shared
            : shared.Where(a => replaced.All(r => r.Name != a.Name)).Concat(replaced).ToEquatableArray();
    }
}
