using NetDsl.Declarations;

namespace NetDsl.Zoo;

// ResNet's bottleneck block (samples/NetDsl.Zoo/resnet_blocks.net.yaml), declared with attributes.
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
