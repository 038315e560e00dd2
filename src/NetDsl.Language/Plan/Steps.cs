using NetDsl.Language.Model;

namespace NetDsl.Language.Plan;

/// <summary>One step of a class's <c>forward</c>, in execution order, on the tensor that flows through it.</summary>
public abstract record StepPlan
{
    /// <summary>Where the layer was written.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>Calls the field <see cref="Field"/> on the tensor.</summary>
public sealed record ApplyStep(string Field) : StepPlan;

/// <summary>Applies an activation function (no module).</summary>
public sealed record ActivationStep(Activation Kind) : StepPlan;

/// <summary>Flattens [C, H, W] to [C·H·W] (no module).</summary>
public sealed record FlattenStep : StepPlan;

/// <summary>
/// One branch of a concat. A flat branch's steps run on a local of its own in the enclosing class (torchvision's
/// Inception-v3); any other branch is the one step <c>ApplyStep(Name)</c>.
/// </summary>
public sealed record BranchPlan(string Name, EquatableArray<StepPlan> Steps, bool Flat, SourceSpan Span);

/// <summary>Branches that read the same tensor; their outputs are concatenated along the channels.</summary>
public sealed record ConcatStep(EquatableArray<BranchPlan> Branches) : StepPlan;

/// <summary>What a residual adds to its body, as resolved by the analysis.</summary>
public enum ShortcutUse
{
    /// <summary>The input itself.</summary>
    Identity,

    /// <summary>The shortcut field, always built.</summary>
    Module,

    /// <summary>The shortcut field when it was built (an <c>auto</c> shortcut whose condition depends on parameters), else the input.</summary>
    WhenBuilt,

    /// <summary>Nothing: a plain unit is its body alone.</summary>
    None,
}

/// <summary>
/// The residual's other path. <see cref="Kind"/> is what the spec asked for after <c>auto</c> was resolved
/// (identity or projection); <see cref="ReadsPreActivated"/> says whether the module reads the output of the
/// pre-activation layers (a projection or custom shortcut) or the raw input (a zero-padding shortcut).
/// </summary>
public sealed record ShortcutPlan(ShortcutUse Use, ShortcutKind Kind, string Field, bool ReadsPreActivated);

/// <summary><c>then(shortcut(x) + scale · body(pre(x)))</c>.</summary>
public sealed record ResidualStep(EquatableArray<StepPlan> Pre, EquatableArray<StepPlan> Body, ShortcutPlan Shortcut, Expr Scale, Activation Then) : StepPlan;

/// <summary>Calls the auxiliary head <see cref="Field"/> on the tensor (training mode only); the main path goes on unchanged.</summary>
public sealed record AuxStep(string Field, double LossWeight) : StepPlan;
