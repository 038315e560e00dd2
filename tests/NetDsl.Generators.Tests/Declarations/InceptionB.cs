using NetDsl.Declarations;

namespace NetDsl.Zoo;

// The 17×17 module of Inception-v4 (samples/NetDsl.Zoo/inception_v4.net.yaml), declared with attributes.
[NetBlock(In = new[] { 1024, 17, 17 })]
[ConvDefaults(Norm = "batch", Eps = 0.001, Act = "relu", Pad = "same")]
[Concat]
[Branch, Conv(384, 1)]
[Branch, Conv(192, 1), Conv(224, new[] { 1, 7 }), Conv(256, new[] { 7, 1 })]
[Branch, Conv(192, 1), Conv(192, new[] { 7, 1 }), Conv(224, new[] { 1, 7 }), Conv(224, new[] { 7, 1 }), Conv(256, new[] { 1, 7 })]
[Branch, AvgPool(3, S = 1, Pad = 1, CountIncludePad = false), Conv(128, 1)]
[End]
public partial class InceptionB
{
}
