using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>
/// Builds the GPU bundle once (scripts/gpu-bundle.sh), unpacks it into a temporary folder and places a copy of
/// NuGet's libtorch 2.10 package elsewhere, as a machine's own libtorch would be.
/// </summary>
public sealed class GpuBundle : IDisposable
{
    public GpuBundle()
    {
        var repo = typeof(GpuBundle).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        Root = Directory.CreateTempSubdirectory("netdsl-gpu-bundle-").FullName;
        var (exitCode, output, error) = ChildProcess.Run("bash", [Path.Combine(repo, "scripts", "gpu-bundle.sh"), "--out", Path.Combine(Root, "out")], repo);
        BuildOutput = output + error;
        Archive = Path.Combine(Root, "out", "netdsl-gpu-linux-x64.tar.gz");
        if (exitCode != 0)
        {
            throw new InvalidOperationException("scripts/gpu-bundle.sh failed:\n" + BuildOutput);
        }

        Listing = Run("tar", "-tzf", Archive).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Run("tar", "-C", Root, "-xzf", Archive);
        Launcher = Path.Combine(Root, "netdsl-gpu", "netdsl");

        // The package's native folder and its .nuspec, hard-linked (copied across file systems) to another place.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = Directory.GetDirectories(Path.Combine(cache, "libtorch-cpu-linux-x64"), "2.10.*").Single();
        var copy = Path.Combine(Root, "elsewhere", "libtorch-cpu-linux-x64");
        Directory.CreateDirectory(Path.Combine(copy, "runtimes", "linux-x64"));
        foreach (var (source, target) in new[] { (Path.Combine(package, "runtimes", "linux-x64", "native"), Path.Combine(copy, "runtimes", "linux-x64")), (Path.Combine(package, "libtorch-cpu-linux-x64.nuspec"), copy) })
        {
            if (Run("cp", "-rl", source, target).ExitCode != 0)
            {
                Run("cp", "-r", source, target);
            }
        }

        NuGetLibTorch = Path.Combine(copy, "runtimes", "linux-x64", "native");
    }

    public string Root { get; }

    public string Archive { get; }

    public string BuildOutput { get; }

    public IReadOnlyList<string> Listing { get; }

    public string Launcher { get; }

    public string NuGetLibTorch { get; }

    public (int ExitCode, string Output, string Error) Netdsl(string libtorch, params string[] arguments) =>
        ChildProcess.Run(Launcher, arguments, Root, new Dictionary<string, string?> { ["NETDSL_LIBTORCH"] = libtorch });

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var (exitCode, output, error) = ChildProcess.Run(program, arguments);
        return (exitCode, output + error);
    }
}

public sealed class GpuBundleTests(GpuBundle bundle) : IClassFixture<GpuBundle>
{
    [Fact]
    public void TheArchiveFitsAGpuRunAndCarriesNoLibTorch()
    {
        Assert.True(new FileInfo(bundle.Archive).Length <= 64L * 1024 * 1024, $"{new FileInfo(bundle.Archive).Length} bytes");
        Assert.Contains("netdsl-gpu/netdsl", bundle.Listing);
        Assert.Contains("netdsl-gpu/gpu-check.sh", bundle.Listing);
        Assert.Contains("netdsl-gpu/bin/netdsl", bundle.Listing);
        Assert.Contains("netdsl-gpu/bin/libLibTorchSharp.so", bundle.Listing);
        Assert.Contains("netdsl-gpu/bin/libcoreclr.so", bundle.Listing);
        Assert.DoesNotContain(bundle.Listing, entry => Path.GetFileName(entry).StartsWith("libtorch", StringComparison.Ordinal) || Path.GetFileName(entry).StartsWith("libc10", StringComparison.Ordinal));
        Assert.Contains("Flags: WEAK", ChildProcess.Run("readelf", ["-V", Path.Combine(bundle.Root, "netdsl-gpu", "bin", "libLibTorchSharp.so")]).Output.Split('\n').Single(l => l.Contains("Name: GLIBCXX_3.4.32 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ItTrainsAZooNetworkForAnEpochOnACopyOfNuGetsLibTorchPlacedElsewhere()
    {
        var libtorch = bundle.Netdsl(bundle.NuGetLibTorch, "libtorch");
        var train = bundle.Netdsl(bundle.NuGetLibTorch, "train", "--model", "CifarResNetA", "--data", "synthetic", "--limit", "256", "--epochs", "1", "--batch-size", "64", "--device", "cpu", "--out", Path.Combine(bundle.Root, "run"));

        Assert.True(libtorch.ExitCode == 0, libtorch.Error + libtorch.Output);
        Assert.StartsWith($"libtorch 2.10.0 in {bundle.NuGetLibTorch} (NETDSL_LIBTORCH; version from ", libtorch.Output);
        Assert.Contains(": accepted\n", libtorch.Output);
        Assert.Contains("has no libtorch_cuda.so: it is a CPU-only libtorch", libtorch.Output);
        Assert.True(train.ExitCode == 0, train.Error + train.Output);
        Assert.Contains("256 training and 256 test images", train.Output);
        Assert.Contains("epoch 1/1", train.Output);
        Assert.Contains("Test: 256 images", train.Output);
        Assert.True(File.Exists(Path.Combine(bundle.Root, "run", "last.ckpt")));
    }

    [Fact]
    public void CudaFromACpuOnlyLibTorchFailsWithTheFolderSearched()
    {
        var run = bundle.Netdsl(bundle.NuGetLibTorch, "train", "--model", "CifarResNetA", "--data", "synthetic", "--limit", "16", "--device", "cuda");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(
            $"netdsl: error: --device: Device 'cuda' was asked for but torch.cuda.is_available() is false: {bundle.NuGetLibTorch} has no libtorch_cuda.so: it is a CPU-only libtorch.\n",
            run.Error);
    }

    [DebianTorchFact]
    public void DebiansPyTorch113IsRefusedInOneLine()
    {
        var run = bundle.Netdsl(DebianTorch.Folder, "train", "--model", "CifarResNetA", "--data", "synthetic", "--limit", "16", "--device", "cpu");

        Assert.Equal(ExitCodes.LibTorchUnavailable, run.ExitCode);
        Assert.Equal(
            $"netdsl: error: libtorch 1.13.0a0 in {DebianTorch.Folder} (NETDSL_LIBTORCH; version from /usr/lib/python3/dist-packages/torch/version.py) cannot run TorchSharp 0.107.0, which was built for libtorch 2.10; set NETDSL_LIBTORCH to the lib folder of a libtorch 2.10 (a PyTorch 2.10 install's torch/lib).\n",
            run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [DebianTorchFact]
    public void TheGpuCheckRunsItsStepsOnTheCpu()
    {
        var report = Path.Combine(bundle.Root, "cpu-report.md");
        var run = ChildProcess.Run(
            "bash",
            [Path.Combine(bundle.Root, "netdsl-gpu", "gpu-check.sh"), "--device", "cpu", "--quick", "--report", report],
            bundle.Root,
            new Dictionary<string, string?> { ["NETDSL_LIBTORCH"] = bundle.NuGetLibTorch, ["NETDSL_PYTHON"] = DebianTorch.Python });
        var text = File.ReadAllText(report);

        Assert.True(run.ExitCode == 0, run.Error + text);
        Assert.Contains("missing: 0", text);
        Assert.Contains("| Train ResNet18 on cpu | pass |", text);
        Assert.Contains("| Train CifarResNetA on cpu | pass |", text);
        Assert.Contains("| One step of CifarResNetA on cpu and on the CPU | pass |", text);
        Assert.Contains("| ResNet50 training speed, netdsl | pass |", text);
        Assert.Contains("| ResNet50 training speed, PyTorch eager | pass |", text);
        Assert.Contains("torch 1.13.0a0", text);
    }
}
