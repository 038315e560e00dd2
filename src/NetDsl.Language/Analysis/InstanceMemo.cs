using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Analysis;

/// <summary>
/// What a block instance did, for walks that only check sizes: a block with the same parameter values, input
/// shape and cumulative stride before it runs the same way, so ResNet-152's 36 identical units in one stage, or
/// the same unit at two input sizes that round alike, are walked once. Only successes are kept (a failure ends
/// its walk), and never for a block with a linear layer inside, whose input features are recorded by path.
/// </summary>
internal sealed class InstanceMemo
{
    private readonly Dictionary<InstanceKey, (TensorShape Output, (long H, long W) StrideAfter)> _instances = new();
    private readonly Dictionary<string, bool> _hasLinear = new(StringComparer.Ordinal);
    private readonly PlanLibrary _library;

    public InstanceMemo(PlanLibrary library) => _library = library;

    /// <summary>The key of one instance (its values in parameter order), or null when it must be walked every time.</summary>
    public InstanceKey? Key(ClassPlan plan, IReadOnlyDictionary<string, Value> env, TensorShape input, (long H, long W) strideBefore) =>
        HasLinear(plan) ? null : new InstanceKey(plan.Name, input, strideBefore, plan.Params.Select(p => env[p.Name]).ToEquatableArray());

    public bool TryGet(InstanceKey key, out (TensorShape Output, (long H, long W) StrideAfter) instance) => _instances.TryGetValue(key, out instance);

    public void Add(InstanceKey key, TensorShape output, (long H, long W) strideAfter) => _instances[key] = (output, strideAfter);

    private bool HasLinear(ClassPlan plan)
    {
        if (!_hasLinear.TryGetValue(plan.Name, out var has))
        {
            _hasLinear[plan.Name] = false;
            has = plan.Fields.Any(f => HasLinear(f.Module));
            _hasLinear[plan.Name] = has;
        }

        return has;
    }

    private bool HasLinear(ModulePlan module) => module switch
    {
        LinearPlan => true,
        SequentialPlan sequential => sequential.Entries.Any(e => HasLinear(e.Module)),
        BlockPlan block => _library.Plan(block.Block.Name) is { } used && HasLinear(used),
        RepeatPlan repeat => _library.Plan(repeat.Block.Name) is { } used && HasLinear(used),
        _ => false,
    };
}

/// <summary>A block instance: the class (names are unique in a library), its input, the stride before it, its parameter values.</summary>
internal readonly record struct InstanceKey(string Block, TensorShape Input, (long H, long W) StrideBefore, EquatableArray<Value> Values);
