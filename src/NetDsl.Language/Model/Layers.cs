namespace NetDsl.Language.Model
{
    /// <summary>
    /// One step of a block or network body, after lowering: defaults applied, every name resolved.
    /// <see cref="Name"/> is the field name in the generated class (and so the state-dict key), or the
    /// Sequential key ("0", "1", …) inside a sequence or a multi-layer branch.
    /// </summary>
    public abstract record Layer
    {
        /// <summary>The resolved module name.</summary>
        public string Name { get; init; } = string.Empty;

        /// <summary>True when the spec wrote <c>name:</c>; auto names may be renumbered, explicit ones never.</summary>
        public bool NameIsExplicit { get; init; }

        /// <summary>Where the layer was written (its kind key).</summary>
        public SourceSpan Span { get; init; }
    }

    /// <summary>Height and width of a kernel, stride, padding or dilation.</summary>
    public sealed record Pair(Expr H, Expr W);

    /// <summary>How padding was written; <see cref="ConvLayer.Padding"/> always holds the resolved amounts.</summary>
    public enum PaddingMode
    {
        /// <summary>Explicit amounts (an integer or <c>[h, w]</c>); the default is 0.</summary>
        Explicit,

        /// <summary><c>same</c>: dilation × (kernel − 1) / 2 on each side; keeps the size at stride 1.</summary>
        Same,

        /// <summary><c>valid</c>: no padding.</summary>
        Valid,
    }

    /// <summary>Batch normalisation settings (PyTorch's defaults: eps 1e-5, momentum 0.1).</summary>
    public sealed record NormSpec(double Eps, double Momentum);

    /// <summary>Element-wise activations.</summary>
    public enum Activation
    {
        /// <summary>No activation.</summary>
        None,

        /// <summary>ReLU.</summary>
        Relu,

        /// <summary>ReLU6.</summary>
        Relu6,

        /// <summary>Leaky ReLU, slope 0.01.</summary>
        LeakyRelu,

        /// <summary>Sigmoid.</summary>
        Sigmoid,

        /// <summary>Tanh.</summary>
        Tanh,

        /// <summary>GELU.</summary>
        Gelu,

        /// <summary>SiLU (swish).</summary>
        Silu,
    }

    /// <summary>Where a conv's norm and activation go.</summary>
    public enum ConvOrder
    {
        /// <summary>conv → norm → act (the norm sees the output channels).</summary>
        Post,

        /// <summary>norm → act → conv, the pre-activation order (the norm sees the input channels).</summary>
        Pre,
    }

    /// <summary>
    /// A 2-D convolution with optional batch norm and activation.
    /// When <see cref="Wrap"/> is false the conv and the norm are sibling fields named <see cref="Layer.Name"/>
    /// and <see cref="NormName"/> (torchvision's ResNet: <c>conv1</c>, <c>bn1</c>); when true they form one
    /// unit module named <see cref="Layer.Name"/> with children <c>conv</c> and <c>bn</c> (torchvision's
    /// BasicConv2d, timm's ConvNormAct). Lowering forces <see cref="Wrap"/> inside sequences, where every step
    /// must be one module.
    /// </summary>
    public sealed record ConvLayer(
        Expr Out,
        Pair Kernel,
        Pair Stride,
        PaddingMode PaddingMode,
        Pair Padding,
        Pair Dilation,
        Expr Groups,
        bool Bias,
        NormSpec? Norm,
        Activation Act,
        ConvOrder Order,
        bool Wrap) : Layer
    {
        /// <summary>The norm's field name when not wrapped and <see cref="Norm"/> is set; otherwise null.</summary>
        public string? NormName { get; init; }
    }

    /// <summary>A standalone batch norm over the current channels.</summary>
    public sealed record BatchNormLayer(NormSpec Norm) : Layer;

    /// <summary>A standalone activation.</summary>
    public sealed record ActivationLayer(Activation Kind) : Layer;

    /// <summary>Max or average.</summary>
    public enum PoolKind
    {
        /// <summary>Max pooling.</summary>
        Max,

        /// <summary>Average pooling.</summary>
        Avg,
    }

    /// <summary>A 2-D pooling window. Stride defaults to the kernel size.</summary>
    public sealed record PoolLayer(
        PoolKind Kind,
        Pair Kernel,
        Pair Stride,
        Pair Padding,
        bool CeilMode,
        bool CountIncludePad) : Layer;

    /// <summary>Pooling to 1×1 (an adaptive pool with output size 1).</summary>
    public sealed record GlobalPoolLayer(PoolKind Kind) : Layer;

    /// <summary>Pooling to a fixed <see cref="Size"/> whatever the input size (VGG's 7×7, AlexNet's 6×6).</summary>
    public sealed record AdaptivePoolLayer(PoolKind Kind, Pair Size) : Layer;

    /// <summary>Dropout with probability <see cref="P"/>.</summary>
    public sealed record DropoutLayer(Expr P) : Layer;

    /// <summary>Flattens [C, H, W] to [C·H·W].</summary>
    public sealed record FlattenLayer : Layer;

    /// <summary>A fully connected layer; its input features are inferred, never written.</summary>
    public sealed record LinearLayer(Expr Out, bool Bias) : Layer;

    /// <summary>
    /// Branches that all read the same input; their outputs are concatenated along channels.
    /// Each branch is one field of the enclosing class, named <see cref="Branch.Name"/> (timm's
    /// <c>branch0</c>, <c>branch1</c>, …): the layer itself when the branch has one single-module layer,
    /// a Sequential otherwise.
    /// </summary>
    public sealed record ConcatLayer(EquatableArray<Branch> Branches) : Layer;

    /// <summary>
    /// One concat branch. A <see cref="Flat"/> branch has no module of its own: its layers are fields of the
    /// enclosing class under the names the spec gave them (torchvision's Inception-v3: <c>branch5x5_1</c>,
    /// <c>branch5x5_2</c>), and it may hold a nested concat.
    /// </summary>
    public sealed record Branch(string Name, EquatableArray<Layer> Layers, SourceSpan Span)
    {
        /// <summary>True when the branch's layers are fields of the enclosing class.</summary>
        public bool Flat { get; init; }
    }

    /// <summary>What a residual adds to its body's output.</summary>
    public enum ShortcutKind
    {
        /// <summary>Identity when the body keeps the shape, else a 1×1 conv + BN projection.</summary>
        Auto,

        /// <summary>Always the input itself (a shape mismatch is an error).</summary>
        Identity,

        /// <summary>Always a 1×1 conv + BN projection (He et al. option B/C).</summary>
        Projection,

        /// <summary>Subsample and pad channels with zeros, no parameters (He et al. option A).</summary>
        ZeroPad,

        /// <summary>The layers written under <c>shortcut:</c>.</summary>
        Custom,

        /// <summary>No shortcut: the body alone (the plain baselines of He et al. 2015, one setting from their residual twins).</summary>
        None,
    }

    /// <summary>
    /// The residual's other path. A projection is a Sequential named <see cref="Name"/> (default
    /// <c>downsample</c>) of a 1×1 conv (stride = the body's total stride, no bias) and a batch norm,
    /// so its keys are <c>downsample.0.weight</c>, <c>downsample.1.weight</c>, … as in torchvision;
    /// without <see cref="Norm"/> (<c>shortcut_norm: none</c>, the pre-activation units' bare projection) the conv alone.
    /// </summary>
    public sealed record Shortcut(ShortcutKind Kind, string Name, EquatableArray<Layer> Layers, NormSpec? Norm, SourceSpan Span);

    /// <summary>
    /// <c>out = then(shortcut(x) + scale · body(pre(x)))</c>. When <see cref="Pre"/> is not empty (the
    /// pre-activation unit), a projection shortcut reads pre(x) while an identity shortcut reads x.
    /// Body and pre layers are fields of the enclosing class.
    /// </summary>
    public sealed record ResidualLayer(
        EquatableArray<Layer> Pre,
        EquatableArray<Layer> Body,
        Shortcut Shortcut,
        Expr Scale,
        Activation Then) : Layer;

    /// <summary>An argument passed to a block: <c>planes: 64</c>.</summary>
    public sealed record Argument(string Name, Expr Value, SourceSpan Span);

    /// <summary>One use of a block, as a field of the enclosing class.</summary>
    public sealed record BlockLayer(string Block, EquatableArray<Argument> Args) : Layer;

    /// <summary>Arguments that replace the shared ones for one index of a repeat (0-based).</summary>
    public sealed record RepeatOverride(int Index, EquatableArray<Argument> Args, SourceSpan Span);

    /// <summary>
    /// <see cref="Count"/> uses of one block in a Sequential (torchvision's <c>layer1</c>…). Each index gets
    /// <see cref="Args"/>, with that index's override arguments replacing same-named ones.
    /// </summary>
    public sealed record RepeatLayer(
        Expr Count,
        string Block,
        EquatableArray<Argument> Args,
        EquatableArray<RepeatOverride> Overrides) : Layer;

    /// <summary>
    /// An auxiliary classifier (GoogLeNet's <c>aux1</c>, Inception-v3's <c>AuxLogits</c>): a block that reads the
    /// output of the layer named <see cref="From"/> (the layer before it when empty) and gives an extra named output
    /// in training mode, whose loss counts <see cref="LossWeight"/> times. The main path does not see it.
    /// </summary>
    public sealed record AuxHeadLayer(string Block, EquatableArray<Argument> Args, double LossWeight, string From) : Layer
    {
        /// <summary>Where <c>from:</c> was written (the layer's own span when it was not).</summary>
        public SourceSpan FromSpan { get; init; }
    }

    /// <summary>A named Sequential of layers (timm's <c>features</c>); inner names are "0", "1", ….</summary>
    public sealed record SequenceLayer(EquatableArray<Layer> Layers) : Layer;
}
