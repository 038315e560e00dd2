using System;
using NetDsl.Samples.Declared;
using static TorchSharp.torch;

// Both networks mix the front ends: TinyResNet is C# on a YAML block, Grid17 is YAML on a C# block.
using (var tiny = new TinyResNet(classes: 10))
using (var logits = tiny.forward(randn(2, 3, 32, 32)))
{
    Console.WriteLine($"TinyResNet: {TinyResNet.ParameterCount:N0} parameters, output [{string.Join(", ", logits.shape)}]");
}

using (var grid = new Grid17(classes: 10))
using (var logits = grid.forward(randn(2, 1024, 17, 17)))
{
    Console.WriteLine($"Grid17: {Grid17.ParameterCount:N0} parameters, output [{string.Join(", ", logits.shape)}]");
}
