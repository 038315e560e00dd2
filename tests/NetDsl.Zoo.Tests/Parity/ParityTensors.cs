using System;
using System.IO;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>What the parity tests do to TorchSharp models and their outputs.</summary>
internal static class ParityTensors
{
    /// <summary>Random batch-norm statistics and affine parameters, so that a norm in the wrong place changes the outputs.</summary>
    public static void RandomiseNorms(nn.Module model)
    {
        using var _ = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            if (module is TorchSharp.Modules.BatchNorm2d norm)
            {
                var channels = norm.weight!.shape[0];
                norm.running_mean!.copy_(randn(channels) * 0.1);
                norm.running_var!.copy_(rand(channels) + 0.5);
                norm.weight.copy_(rand(channels) + 0.5);
                norm.bias!.copy_(randn(channels) * 0.1);
            }
        }
    }

    /// <summary>max |ours − theirs| and max |theirs|, the shapes being equal.</summary>
    public static (double Difference, double Magnitude) Compare(Tensor ours, Tensor theirs)
    {
        Assert.Equal(theirs.shape, ours.shape);
        return ((ours - theirs).abs().max().ToDouble(), theirs.abs().max().ToDouble());
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = Directory.CreateTempSubdirectory("netdsl-parity-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
