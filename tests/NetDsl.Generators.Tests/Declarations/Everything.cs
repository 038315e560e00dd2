using NetDsl.Declarations;

namespace Consumer;

// Every construct of the language once, declared with attributes; Everything.net.yaml says the same in YAML.
[Network(Input = new[] { 3, 32, 32 })]
[Param("classes", 10)]
[Param("p", 0.2)]
[ConvDefaults(Norm = "batch", Act = "relu")]
[Conv(16, 3, Pad = 1, Name = "stem")]
[MaxPool(3, S = 1, Pad = 1, Ceil = true)]
[Aux("Head", Name = "aux1", Args = new object[] { "classes", "$classes" }, Weight = 0.3, From = "stem")]
[Concat]
[Branch(Name = "left"), Conv(8, 1)]
[Branch, AvgPool(3, S = 1, Pad = 1), Conv(8, 1, Dilation = 1, Groups = 1)]
[End]
[Repeat(2, "PreUnit", Args = new object[] { "planes", 16 }, Name = "stage"), RepeatAt(1, "stride", 2)]
[Bn(Eps = 0.001)]
[Act("relu6")]
[Seq(Name = "head"), Conv(32, 1, Norm = "none", Act = "none"), Act("gelu"), End]
[AdaptiveAvgPool(new[] { 1, 1 })]
[Flatten]
[Dropout("$p")]
[Linear("$classes")]
public partial class Everything
{
}

[NetBlock]
[Param("planes", typeof(int))]
[Param("stride", 1)]
[Param("scale", 0.5)]
[ConvDefaults(Norm = "batch", Act = "relu")]
[Residual(ShortcutName = "shortcut", Scale = "$scale", Then = "none")]
[Pre, Bn, Act("relu")]
[Body, Conv("$planes", 3, S = "$stride", Pad = 1, Name = "conv1"), Conv("$planes", 3, Pad = 1, Act = "none", Norm = "none", Name = "conv2")]
[Shortcut, Conv("$planes", 1, S = "$stride", Act = "none", Norm = "none", Name = "proj")]
[End]
public partial class PreUnit
{
}

[NetBlock]
[Param("classes", typeof(int))]
[GlobalAvgPool, Flatten, Linear("$classes")]
public partial class Head
{
}
