namespace NetDsl.Language.Tests;

/// <summary>Reference networks written in the language, as torchvision and He et al. define them.</summary>
internal static class ReferenceNetworks
{
    public const string ResNetBlocks = @"
defaults:
  conv: { norm: batch, act: relu }
blocks:
  BasicBlock:
    params: { planes: int, stride: int = 1 }
    residual:
      body:
        - conv: { out: $planes, k: 3, s: $stride, pad: 1 }
        - conv: { out: $planes, k: 3, pad: 1, act: none }
      then: relu
  Bottleneck:
    params: { planes: int, stride: int = 1 }
    residual:
      body:
        - conv: { out: $planes, k: 1 }
        - conv: { out: $planes, k: 3, s: $stride, pad: 1 }
        - conv: { out: $planes * 4, k: 1, act: none }
      shortcut: auto
      then: relu
";

    public static string ResNet(string name, string block, int[] stages) => ResNetBlocks + $@"
network: {name}
input: [3, 224, 224]
params: {{ classes: int = 1000 }}
layers:
  - conv: {{ out: 64, k: 7, s: 2, pad: 3 }}
  - maxpool: {{ k: 3, s: 2, pad: 1 }}
  - {{ repeat: {stages[0]}, block: {block}, args: {{ planes: 64 }} }}
  - {{ repeat: {stages[1]}, block: {block}, args: {{ planes: 128 }}, at: {{ 0: {{ stride: 2 }} }} }}
  - {{ repeat: {stages[2]}, block: {block}, args: {{ planes: 256 }}, at: {{ 0: {{ stride: 2 }} }} }}
  - {{ repeat: {stages[3]}, block: {block}, args: {{ planes: 512 }}, at: {{ 0: {{ stride: 2 }} }} }}
  - globalavgpool
  - flatten
  - linear: {{ out: $classes }}
";

    public static string CifarResNet(int depth, string shortcut) => $@"
network: CifarResNet{depth}
input: [3, 32, 32]
defaults:
  conv: {{ norm: batch, act: relu, k: 3, pad: 1 }}
  residual: {{ shortcut: {shortcut} }}
blocks:
  Basic:
    params: {{ planes: int, stride: int = 1 }}
    residual:
      body:
        - conv: {{ out: $planes, s: $stride }}
        - conv: {{ out: $planes, act: none }}
      then: relu
layers:
  - conv: {{ out: 16 }}
  - {{ repeat: {(depth - 2) / 6}, block: Basic, args: {{ planes: 16 }} }}
  - {{ repeat: {(depth - 2) / 6}, block: Basic, args: {{ planes: 32 }}, at: {{ 0: {{ stride: 2 }} }} }}
  - {{ repeat: {(depth - 2) / 6}, block: Basic, args: {{ planes: 64 }}, at: {{ 0: {{ stride: 2 }} }} }}
  - globalavgpool
  - flatten
  - linear: {{ out: 10 }}
";
}
