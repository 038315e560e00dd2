using NetDsl.Declarations;

namespace NetDsl.Samples.Declared;

/// <summary>
/// Inception-v4's 17×17 module (Szegedy et al. 2016, Figure 5), the same block as <c>InceptionB</c> in
/// samples/NetDsl.Zoo/inception_v4.net.yaml: the generator completes this class with the same fields,
/// constructor and forward. Drop <c>Pad = "same"</c> and the build fails at the second [Branch] (ND0103).
/// </summary>
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
