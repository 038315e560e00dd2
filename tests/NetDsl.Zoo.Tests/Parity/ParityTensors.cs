using System;
using System.IO;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>What the parity tests do to TorchSharp models and their outputs.</summary>
internal static class ParityTensors
{
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
