using NetDsl.Declarations;

namespace NetDsl.Samples.Declared;

/// <summary>
/// A small CIFAR-sized ResNet declared in C#, built from the <c>BasicBlock</c> of blocks.net.yaml: the
/// first unit of the second stage strides (a per-index override) and gets a projection shortcut.
/// </summary>
[Network(Input = new[] { 3, 32, 32 })]
[Param("classes", 10)]
[ConvDefaults(Norm = "batch", Act = "relu")]
[Conv(16, 3, Pad = 1, Name = "stem")]
[Repeat(2, "BasicBlock", Args = new object[] { "planes", 16 }, Name = "layer1")]
[Repeat(2, "BasicBlock", Args = new object[] { "planes", 32 }, Name = "layer2")]
[RepeatAt(0, "stride", 2)]
[GlobalAvgPool]
[Flatten]
[Linear("$classes", Name = "fc")]
public partial class TinyResNet
{
}
