using System.Collections.Generic;
using NetDsl.Language.Model;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// One thing a diagram draws, built from the plan and the instance's shapes (<see cref="DiagramBuilder"/>) and
/// printed by <see cref="SvgDiagram"/> or <see cref="MermaidDiagram"/>. Every node has one way in and one way out.
/// </summary>
internal abstract record Node;

/// <summary>What a layer box is, for its colour and for what may be folded into it.</summary>
internal enum LayerRole
{
    /// <summary>The network's input or output.</summary>
    Terminal,

    /// <summary>A convolution (with its norm when <see cref="LayerNode.Normed"/>); a following batch norm and activation are folded into its box.</summary>
    Conv,

    /// <summary>A batch norm on its own; a following activation is folded in.</summary>
    Norm,

    /// <summary>A pooling window or an adaptive pool.</summary>
    Pool,

    /// <summary>A fully connected layer; a following activation is folded in.</summary>
    Linear,

    /// <summary>An activation on its own; folded into the box before it where that box takes one.</summary>
    Activation,

    /// <summary>Anything else (dropout, flatten, a zero-padding shortcut).</summary>
    Other,
}

/// <summary>A box: what the layer does and its output shape; <see cref="Path"/> (the state-dict prefix) is its tooltip.</summary>
internal sealed record LayerNode(string Label, TensorShape Output, string Path, LayerRole Role) : Node
{
    /// <summary>True once a batch norm was folded into a conv's box.</summary>
    public bool Normed { get; init; }

    /// <summary>True once an activation was folded in: nothing more is.</summary>
    public bool Activated { get; init; }
}

/// <summary>Nodes run one after the other, top to bottom.</summary>
internal sealed record SequenceNode(IReadOnlyList<Node> Items) : Node;

/// <summary>
/// A framed part of the network: a block use (<see cref="Title"/> is the block's name) or a stage, from the
/// state-dict path <see cref="First"/> to <see cref="Last"/>. <see cref="Count"/> above 1 is a run of identical
/// uses drawn once (<c>InceptionB ×7</c>); <see cref="Signature"/> is what makes two uses identical (the block, its
/// parameter values and its shapes), null for a stage.
/// </summary>
internal sealed record GroupNode(string Title, string First, string Last, Node Body, int Count) : Node
{
    /// <summary>What makes two block uses the same; null for a stage, which is never merged.</summary>
    public string? Signature { get; init; }

    /// <summary>The title with the count of a run: <c>InceptionB ×7</c>.</summary>
    public string Heading => Count > 1 ? Title + " ×" + Count : Title;

    /// <summary><c>layer1.0</c>, <c>features.11–17</c>, <c>Mixed_6c – Mixed_6d</c>; empty for a stage (its title is its path).</summary>
    public string Paths
    {
        get
        {
            if (First == Last)
            {
                return First;
            }

            var cut = First.LastIndexOf('.') + 1;
            return cut > 0 && Last.StartsWith(First.Substring(0, cut), System.StringComparison.Ordinal)
                ? First + "–" + Last.Substring(cut)
                : First + " – " + Last;
        }
    }
}

/// <summary>Branches that read the same tensor, side by side, and the concatenation of their outputs.</summary>
internal sealed record ConcatNode(IReadOnlyList<Node> Branches, TensorShape Output) : Node;

/// <summary>
/// A residual addition: the body, and the skip around it (<see cref="Shortcut"/> is the module on the skip, null
/// for the identity). <see cref="Scale"/> multiplies the body's output (empty when 1); <see cref="Then"/> is the
/// activation after the addition (empty when none).
/// </summary>
internal sealed record ResidualNode(Node Body, Node? Shortcut, string Scale, string Then, TensorShape Output) : Node;

/// <summary>An auxiliary head that reads the tensor here; the main path goes on unchanged.</summary>
internal sealed record AuxNode(Node Head, string Name) : Node;
