using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetDsl.Testing;
using Xunit;

namespace NetDsl.Cli.Tests.Export;

/// <summary>
/// Runs an exported train.py under Debian's torchrun (<c>python3 -m torch.distributed.run</c>, PyTorch 1.13).
/// Its defaults <c>--redirects 0 --tee 0</c> do not parse under Python 3.11 (<c>Std.from_str("0")</c> is None there),
/// so every launch names an absent rank instead (<c>9:1</c>): nothing is redirected, as by default.
/// </summary>
internal static class Torchrun
{
    /// <summary>The longest a launch may take here before it counts as hung (gloo itself would wait 30 minutes).</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>One process per rank on this machine: <c>--standalone --nproc_per_node</c>.</summary>
    public static Launch Standalone(int processes, string trainer, params string[] arguments) =>
        Start(["--standalone", "--nproc_per_node=" + processes, trainer, .. arguments]);

    /// <summary>Two "nodes" of one process each, meeting on 127.0.0.1: one launch per node.</summary>
    public static (Launch Node0, Launch Node1) TwoNodes(string trainer, string[] node0, string[] node1)
    {
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] Node(int rank) => ["--nnodes=2", "--nproc_per_node=1", "--node_rank=" + rank, "--master_addr=127.0.0.1", "--master_port=" + port];
        return (Start([.. Node(0), trainer, .. node0]), Start([.. Node(1), trainer, .. node1]));
    }

    private static Launch Start(IEnumerable<string> arguments)
    {
        var output = new StringBuilder();
        var process = ChildProcess.Start(
            DebianTorch.Python,
            ["-m", "torch.distributed.run", "--redirects=9:1", "--tee=9:1", .. arguments],
            output,
            output,
            new Dictionary<string, string?> { ["OMP_NUM_THREADS"] = "1" });
        return new Launch(process, output);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A running launcher and what it and its workers print.</summary>
    internal sealed class Launch(Process process, StringBuilder output)
    {
        /// <summary>Waits for the launcher to end (killing it and failing the test after <see cref="Limit"/>) and returns its exit code and output.</summary>
        public (int ExitCode, string Output) Finish()
        {
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"torchrun did not finish within {Limit.TotalMinutes} minutes:\n{Text()}");
            }

            process.WaitForExit();
            var code = process.ExitCode;
            process.Dispose();
            return (code, Text());
        }

        private string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}

/// <summary>A fact that needs Debian's PyTorch and Fashion-MNIST; skipped, saying why, where they are missing.</summary>
public sealed class TorchrunFactAttribute : FactAttribute
{
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    public TorchrunFactAttribute() => Skip = DebianTorch.WhyUnavailable
        ?? (Directory.Exists(FashionMnist) && Directory.EnumerateFiles(FashionMnist).Any() ? null : $"{FashionMnist} is missing: dataset-fashion-mnist is not installed (scripts/test.sh installs it).");
}
