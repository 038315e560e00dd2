using System;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>Replaces one module of a class plan, found by its path (<c>classifier.1</c>).</summary>
internal static class PlanEdits
{
    public static ClassPlan Replace(ClassPlan plan, string path, Func<ModulePlan, ModulePlan> change)
    {
        var dot = path.IndexOf('.');
        var field = dot < 0 ? path : path.Substring(0, dot);
        var rest = dot < 0 ? string.Empty : path.Substring(dot + 1);
        var fields = plan.Fields.Select(f => f.Name == field ? f with { Module = Replace(f.Module, rest, change) } : f);
        return plan with { Fields = fields.ToEquatableArray() };
    }

    private static ModulePlan Replace(ModulePlan module, string path, Func<ModulePlan, ModulePlan> change)
    {
        if (path.Length == 0)
        {
            return change(module);
        }

        var dot = path.IndexOf('.');
        var key = dot < 0 ? path : path.Substring(0, dot);
        var rest = dot < 0 ? string.Empty : path.Substring(dot + 1);
        return module is SequentialPlan sequential
            ? sequential with { Entries = sequential.Entries.Select(e => e.Key == key ? e with { Module = Replace(e.Module, rest, change) } : e).ToEquatableArray() }
            : module;
    }
}
