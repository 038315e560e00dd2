using NetDsl.Declarations;

namespace Consumer;

// A C# network built from the YAML zoo's Bottleneck (samples/NetDsl.Zoo/resnet_blocks.net.yaml).
[Network(Input = new[] { 3, 32, 32 })]
[Param("classes", 10)]
[ConvDefaults(Norm = "batch", Act = "relu")]
[Conv(64, 3, Pad = 1, Name = "stem")]
[Repeat(2, "Bottleneck", Args = new object[] { "planes", 16 }, Name = "layer1")]
[Repeat(2, "Bottleneck", Args = new object[] { "planes", 32 }, Name = "layer2")]
[RepeatAt(0, "stride", 2)]
[GlobalAvgPool, Flatten, Linear("$classes")]
public partial class TinyResNet
{
}
