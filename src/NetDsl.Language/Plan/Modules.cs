using NetDsl.Language.Model;

namespace NetDsl.Language.Plan;

/// <summary>
/// One module of a generated class, with its constructor arguments as expressions over the class's parameters
/// (and <c>inChannels</c> in a block), exactly as every back end creates it. <see cref="Span"/> is where the
/// layer was written; expressions taken from the spec keep their own spans for messages.
/// </summary>
public abstract record ModulePlan
{
    /// <summary>Where the layer was written.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>A 2-D convolution (<c>nn.Conv2d</c>).</summary>
public sealed record ConvPlan(Expr In, Expr Out, Pair Kernel, Pair Stride, Pair Padding, Pair Dilation, Expr Groups, bool Bias) : ModulePlan
{
    /// <summary>How the padding was written (only <c>same</c> has a rule of its own: an odd effective kernel).</summary>
    public PaddingMode PaddingMode { get; init; }
}

/// <summary>A batch norm over <see cref="Channels"/> channels (<c>nn.BatchNorm2d</c>).</summary>
public sealed record BatchNormPlan(Expr Channels, NormSpec Norm) : ModulePlan;

/// <summary>
/// A conv and its batch norm as one module with children <c>conv</c> and <c>bn</c> (NetDsl.Nn's <c>ConvNormAct</c>,
/// or <c>NormActConv</c> in the pre-activation order, whose norm sees the input channels).
/// </summary>
public sealed record ConvUnitPlan(ConvPlan Conv, NormSpec Norm, Activation Act, ConvOrder Order) : ModulePlan
{
    /// <summary>The channels the batch norm normalises.</summary>
    public Expr NormChannels => Order == ConvOrder.Pre ? Conv.In : Conv.Out;
}

/// <summary>A max or average pooling window.</summary>
public sealed record PoolPlan(PoolKind Kind, Pair Kernel, Pair Stride, Pair Padding, bool CeilMode, bool CountIncludePad) : ModulePlan;

/// <summary>Pooling to a fixed size (global pooling is size 1×1 with <see cref="Global"/> set).</summary>
public sealed record AdaptivePoolPlan(PoolKind Kind, Pair Size) : ModulePlan
{
    /// <summary>Written as <c>globalavgpool</c>/<c>globalmaxpool</c>.</summary>
    public bool Global { get; init; }
}

/// <summary>Dropout with probability <see cref="P"/>.</summary>
public sealed record DropoutPlan(Expr P) : ModulePlan;

/// <summary>A fully connected layer; <see cref="In"/> is null only in a plan that cannot be generated (reported).</summary>
public sealed record LinearPlan(Expr? In, Expr Out, bool Bias) : ModulePlan;

/// <summary>Flattening as a module (a step of a Sequential); in a class body it is a <see cref="FlattenStep"/>.</summary>
public sealed record FlattenPlan : ModulePlan;

/// <summary>An activation as a module (a step of a Sequential); in a class body it is an <see cref="ActivationStep"/>.</summary>
public sealed record ActivationPlan(Activation Kind) : ModulePlan;

/// <summary>A generated block class, by name and namespace.</summary>
public sealed record BlockRef(string Name, string Namespace);

/// <summary>An argument given to a block's constructor.</summary>
public sealed record ArgumentPlan(string Name, ParamType Type, Expr Value);

/// <summary>One use of a block: <c>new Bottleneck(In, planes: 64)</c>; parameters not given take their defaults.</summary>
public sealed record BlockPlan(BlockRef Block, Expr In, EquatableArray<ArgumentPlan> Args) : ModulePlan;

/// <summary>One entry of a Sequential: its key ("0", "1", … or a name) and module.</summary>
public sealed record EntryPlan(string Key, ModulePlan Module);

/// <summary>An <c>nn.Sequential</c> of keyed modules (a repeat with a constant count is one of block uses).</summary>
public sealed record SequentialPlan(EquatableArray<EntryPlan> Entries) : ModulePlan;

/// <summary>Arguments that replace the shared ones at one index of a repeat.</summary>
public sealed record OverridePlan(int Index, EquatableArray<ArgumentPlan> Args, SourceSpan Span);

/// <summary>
/// A repeat whose count is an expression over parameters: built in a loop. Index 0 reads <see cref="FirstIn"/>
/// channels and every later index <see cref="RestIn"/> (the analysis checks that the later uses keep the width).
/// </summary>
public sealed record RepeatPlan(Expr Count, BlockRef Block, Expr FirstIn, Expr RestIn, EquatableArray<ArgumentPlan> Args, EquatableArray<OverridePlan> Overrides) : ModulePlan
{
    /// <summary>The arguments of index <paramref name="index"/>: the shared ones with that index's overrides replacing them.</summary>
    public EquatableArray<ArgumentPlan> ArgumentsAt(int index) => Arguments.At(Args, Overrides, index);
}

/// <summary>He et al.'s option A shortcut: subsample by <see cref="Stride"/> and append zero channels up to <see cref="Out"/>.</summary>
public sealed record ZeroPadPlan(Expr In, Expr Out, Pair Stride) : ModulePlan;
