using NetDsl.Declarations;

namespace NetDsl.Samples.Declared;

/// <summary>
/// Inception-v4's 35×35 → 17×17 reduction (Figure 7), the same block as <c>ReductionA</c> in
/// samples/NetDsl.Zoo/inception_v4.net.yaml; k, l, m and n (Table 1) become constructor parameters.
/// </summary>
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
