using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends;

/// <summary>When a residual's add may write into its body's output (<c>x.add_(identity)</c>, <c>x += identity</c>).</summary>
internal static class InPlaceAdd
{
    /// <summary>
    /// Whether the body's last step is a conv or a batch norm without an activation after it: its output is not
    /// saved for the backward pass, so the add may write into it.
    /// </summary>
    public static bool Allowed(ClassPlan plan, EquatableArray<StepPlan> body) => body.Count > 0 && body[body.Count - 1] is ApplyStep last && plan.Field(last.Field).Module switch
    {
        ConvPlan or BatchNormPlan => true,
        ConvUnitPlan unit => unit.Act == Activation.None && unit.Order == ConvOrder.Post,
        _ => false,
    };
}
