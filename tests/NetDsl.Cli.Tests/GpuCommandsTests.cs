using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary><c>libtorch</c>, <c>bench</c>, <c>device-check</c> and <c>--data synthetic</c> in the ordinary build, which carries NuGet's libtorch.</summary>
public sealed class GpuCommandsTests
{
    private static readonly string TestAssembly = typeof(GpuCommandsTests).Assembly.Location;

    [Fact]
    public void LibTorchReportsTheCarriedOneAndNoCuda()
    {
        var run = Cli.Run("libtorch");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        Assert.Contains("libtorch 2.10.0.0 in ", run.Output);
        Assert.Contains("(carried by this program", run.Output);
        Assert.Contains("TorchSharp 0.107.0, built for libtorch 2.10: accepted", run.Output);
        Assert.Contains("CUDA: not available: the libtorch backend in use is CPU-only", run.Output);
    }

    [Fact]
    public void LibTorchSymbolsFindsNoneMissingAndTheCarriedOneNeedsNoLibraryPath()
    {
        var symbols = Cli.Run("libtorch", "--symbols");
        var path = Cli.Run("libtorch", "--library-path");

        Assert.True(symbols.ExitCode == ExitCodes.Success, symbols.Error + symbols.Output);
        Assert.Matches(@"defines (\d+) of the \1 libtorch symbols that .*libLibTorchSharp\.so imports; missing: 0\n$", symbols.Output);
        Assert.Equal((ExitCodes.Success, "\n"), (path.ExitCode, path.Output));
    }

    [Fact]
    public void BenchPrintsImagesPerSecond()
    {
        var run = Cli.Run("bench", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--device", "cpu", "--classes", "10", "--batch-size", "4", "--warmup", "1", "--steps", "2");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        Assert.Matches(@"^TinyRgbNet \[3, 32, 32\], batch 4, on cpu: 2 timed steps, median \d+\.\d ms, \d+\.\d images/s\n$", run.Output);
    }

    [Fact]
    public void DeviceCheckOfTheCpuAgainstItselfPasses()
    {
        var run = Cli.Run("device-check", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--device", "cpu", "--batch-size", "4");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        Assert.Contains("one SGD step on cpu and on cpu", run.Output);
        Assert.Contains("state differs by at most 0.00e+00 relative", run.Output);
        Assert.EndsWith("tolerance 1e-03: pass\n", run.Output);
    }

    [Fact]
    public void CudaThatCannotBeHadFailsBeforeAnythingRuns()
    {
        var run = Cli.Run("bench", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--device", "cuda");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("netdsl: error: --device: Device 'cuda' was asked for but torch.cuda.is_available() is false", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void SyntheticDataTrainsAtTheModelsInputSize()
    {
        using var dir = new TempDirectory();

        var run = Cli.Run("train", "--model", "TinyRgbNet", "--assembly", TestAssembly, "--data", "synthetic", "--limit", "32", "--epochs", "1", "--batch-size", "16", "--device", "cpu", "--out", dir.File("run"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error + run.Output);
        Assert.Contains("on synthetic: 32 training and 32 test images [3, 32, 32] fitted to [3, 32, 32]", run.Output);
        Assert.Contains("Test: 32 images", run.Output);
    }
}
