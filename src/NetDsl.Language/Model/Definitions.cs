namespace NetDsl.Language.Model
{
    /// <summary>The type of a block or network parameter.</summary>
    public enum ParamType
    {
        /// <summary>A 32-bit integer.</summary>
        Int,

        /// <summary>A double.</summary>
        Float,
    }

    /// <summary>A parameter: it becomes a typed constructor parameter of the generated class.</summary>
    public sealed record ParamDef(string Name, ParamType Type, Expr? Default, SourceSpan Span);

    /// <summary>
    /// A reusable block. Its generated class takes <c>inChannels</c> first, then its parameters, as
    /// torchvision's blocks take <c>inplanes</c>.
    /// </summary>
    public sealed record BlockDef(
        string Name,
        string Namespace,
        EquatableArray<ParamDef> Params,
        EquatableArray<Expr> InShape,
        EquatableArray<Layer> Layers,
        SourceSpan Span)
    {
        /// <summary>The name of the implicit first constructor parameter.</summary>
        public const string InChannelsParameter = "inChannels";
    }

    /// <summary>
    /// A network: its nominal input shape [C, H, W] (batch implicit; the summary, the constants and the docs are
    /// for it), the sizes it accepts, and a body.
    /// </summary>
    public sealed record NetworkDef(
        string Name,
        string Namespace,
        EquatableArray<int> Input,
        EquatableArray<ParamDef> Params,
        EquatableArray<Layer> Layers,
        SourceSpan Span)
    {
        /// <summary>Every input the network accepts (<c>accepts:</c>); null means just <see cref="Input"/>.</summary>
        public InputSizes? Accepts { get; init; }

        /// <summary>Where <c>accepts:</c> was written (the network's span when it was not).</summary>
        public SourceSpan AcceptsSpan { get; init; }

        /// <summary>The accepted inputs: <see cref="Accepts"/>, or exactly <see cref="Input"/>.</summary>
        public InputSizes AcceptedInputs => Accepts ?? (Input.Count == 3 ? InputSizes.Exactly(Input[0], Input[1], Input[2]) : InputSizes.Exactly(0, 0, 0));
    }

    /// <summary>One <c>.net.yaml</c> file: its blocks and at most one network.</summary>
    public sealed record SpecFile(string Path, string Namespace, EquatableArray<BlockDef> Blocks, NetworkDef? Network);
}
