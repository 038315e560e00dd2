using NetDsl.Declarations;

namespace NetDsl.Zoo;

// Inception-v4's 35×35 → 17×17 reduction (samples/NetDsl.Zoo/inception_v4.net.yaml), declared with attributes.
[NetBlock]
[Param("k", typeof(int))]
[Param("l", typeof(int))]
[Param("m", typeof(int))]
[Param("n", typeof(int))]
[ConvDefaults(Norm = "batch", Eps = 0.001, Act = "relu")]
[Concat]
[Branch, Conv("$n", 3, S = 2)]
[Branch, Conv("$k", 1), Conv("$l", 3, Pad = 1), Conv("$m", 3, S = 2)]
[Branch, MaxPool(3, S = 2)]
[End]
public partial class ReductionA
{
}
