using NetDsl.Declarations;

namespace NetDsl.Samples.Declared;

/// <summary>
/// ResNet's bottleneck block as torchvision lays it out, the same block as <c>Bottleneck</c> in
/// samples/NetDsl.Zoo/resnet_blocks.net.yaml: a projection shortcut where the shape changes.
/// </summary>
[NetBlock]
[Param("planes", typeof(int))]
[Param("stride", 1)]
[ConvDefaults(Norm = "batch", Act = "relu")]
[Residual(Shortcut = "auto", Then = "relu")]
[Conv("$planes", 1)]
[Conv("$planes", 3, S = "$stride", Pad = 1)]
[Conv("$planes * 4", 1, Act = "none")]
[End]
public partial class Bottleneck
{
}
