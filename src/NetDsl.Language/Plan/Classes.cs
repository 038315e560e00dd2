using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Plan;

/// <summary>Whether a class is a reusable block or a network.</summary>
public enum ClassKind
{
    /// <summary>A block: its constructor takes <c>inChannels</c> first.</summary>
    Block,

    /// <summary>A network: a fixed number of input channels, accepted sizes, optional auxiliary heads.</summary>
    Network,
}

/// <summary>
/// A field of a generated class: its name (and so its state-dict key) and module, in registration order.
/// <see cref="BuiltWhen"/> is set for an <c>auto</c> shortcut's projection built only when its condition holds;
/// <see cref="Auxiliary"/> for an auxiliary head built only when the network is asked for them.
/// </summary>
public sealed record FieldPlan(string Name, ModulePlan Module)
{
    /// <summary>The condition under which the field is built; null when it always is.</summary>
    public Condition? BuiltWhen { get; init; }

    /// <summary>An auxiliary classifier (built when <c>auxLogits</c> is true).</summary>
    public bool Auxiliary { get; init; }
}

/// <summary>How a class changes the spatial size: the condition under which it may, and its stride (the stride a projection around it needs).</summary>
public sealed record SpatialChange(Condition Changes, Pair Stride)
{
    /// <summary>No change, stride 1.</summary>
    public static SpatialChange None { get; } = new(Condition.Never, new Pair(Expr.Int(1), Expr.Int(1)));
}

/// <summary>
/// One generated class, resolved: its parameters, fields in registration order, <c>forward</c> in execution
/// order, and what it does to the channels and the spatial size as expressions over its parameters
/// (<c>inChannels</c> included for a block). Every back end prints this; none works anything out for itself.
/// </summary>
public sealed record ClassPlan(
    string Name,
    string Namespace,
    ClassKind Kind,
    EquatableArray<ParamDef> Params,
    EquatableArray<FieldPlan> Fields,
    EquatableArray<StepPlan> Forward,
    SourceSpan Span)
{
    /// <summary>The declared input shape a block asserts (<c>in:</c>), as expressions; empty when none.</summary>
    public EquatableArray<Expr> DeclaredInput { get; init; }

    /// <summary>The output channels (or features, for a flat output).</summary>
    public Expr OutputChannels { get; init; } = Expr.Int(0);

    /// <summary>True when the output is flat ([F]).</summary>
    public bool OutputFlat { get; init; }

    /// <summary>The output's height and width when they do not depend on the input (after an adaptive pool).</summary>
    public (long H, long W)? OutputSpatial { get; init; }

    /// <summary>How the class changes the spatial size.</summary>
    public SpatialChange Spatial { get; init; } = SpatialChange.None;

    /// <summary>Parameters whose values change a spatial size inside the class (a kernel, stride, padding or pool size).</summary>
    public EquatableArray<string> SpatialParams { get; init; }

    /// <summary>Parameters that <c>forward</c> reads (a residual scale), which the class keeps in fields.</summary>
    public EquatableArray<string> ForwardParameters { get; init; }

    /// <summary>The field named <paramref name="name"/>.</summary>
    public FieldPlan Field(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        throw new System.ArgumentException("The class " + Name + " has no field " + name + ".", nameof(name));
    }
}

/// <summary>
/// A network: its class, the sizes it accepts, what shape inference found at its nominal input and default
/// parameters, and every block class it uses (from any file), each before the classes that use it.
/// </summary>
public sealed record NetworkPlan(ClassPlan Class, InputSizes Accepts, NetworkSummary Summary, EquatableArray<ClassPlan> Blocks)
{
    /// <summary>The used block named <paramref name="name"/>.</summary>
    public ClassPlan Block(string name) => Blocks.First(b => b.Name == name);
}

/// <summary>
/// The resolved plan of one spec file (or one attribute declaration): its blocks and network, each a class.
/// <see cref="Source"/> is the file name the generated header names.
/// </summary>
public sealed record FilePlan(string Path, string Namespace, EquatableArray<ClassPlan> Blocks, NetworkPlan? Network)
{
    /// <summary>The spec's file name (<c>resnet50.net.yaml</c>, or <c>InceptionB.cs</c> for attributes).</summary>
    public string Source => System.IO.Path.GetFileName(Path);
}
