using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using NetDsl.Runtime.Checkpoints;
using NetDsl.Runtime.Weights;
using NetDsl.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetDsl.Cli.Tests;

/// <summary>
/// Runs the real <c>netdsl train</c> as a child process and kills it (SIGKILL) at seeded random moments, resuming each
/// time, then stops it once with SIGTERM: the run must end with the weights of an uninterrupted run, bit for bit,
/// with every checkpoint readable after every kill and no temporary file left. docs/reliability.md quotes its figures.
/// </summary>
public sealed class InterruptionTests(ITestOutputHelper log)
{
    private const int Kills = 8;
    private const int Epochs = 5;
    private const int BatchesPerEpoch = 20;
    private static readonly string TestAssembly = typeof(InterruptionTests).Assembly.Location;
    private static readonly string Netdsl = Path.Combine(AppContext.BaseDirectory, "netdsl");

    // One libtorch thread: on a machine shared with other jobs, libtorch's spinning worker threads make a step many
    // times slower; what is tested does not depend on the thread count.
    private static readonly Dictionary<string, string?> OneThread = new() { ["OMP_NUM_THREADS"] = "1" };

    [Fact]
    public void A_run_killed_and_resumed_again_and_again_ends_bit_identical_to_an_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: BatchesPerEpoch * 16, testCount: 64);
        var straight = dir.File("straight");
        var interrupted = dir.File("interrupted");
        var clock = Stopwatch.StartNew();

        var uninterrupted = ChildProcess.Run(Netdsl, Arguments(dir, straight, resume: false), environment: OneThread);
        Assert.True(uninterrupted.ExitCode == ExitCodes.Success, uninterrupted.Error + uninterrupted.Output);

        // Kill when the run has passed a seeded random step, after a seeded random extra delay, so that kills land
        // inside steps, inside checkpoint writes and between them. The targets lie in the first half of the run: a kill
        // lands some steps past its target (more, the faster a step is), and the SIGTERM below needs steps left after it.
        var random = new Random(15);
        var targets = Enumerable.Range(0, Kills).Select(_ => 2 + random.Next(Epochs * BatchesPerEpoch / 2)).Order().ToArray();
        var (leftovers, tookOver) = (0, 0);
        for (var kill = 0; kill < Kills; kill++)
        {
            // A kill may also land while the process is starting, before it takes the folder.
            var (output, _) = RunUntil(dir, interrupted, targets[kill], random.Next(60), process => process.Kill(), expectedExit: 128 + 9);
            tookOver += output.Contains($"Took over {interrupted} from a run that is no longer running (pid ", StringComparison.Ordinal) ? 1 : 0;

            leftovers += output.Contains("temporary file(s) that an interrupted write left", StringComparison.Ordinal) ? 1 : 0;
            foreach (var checkpoint in Directory.GetFiles(interrupted, "*.ckpt"))
            {
                CheckpointStore.Inspect(checkpoint);
            }
        }

        // SIGTERM a few steps past where the run stands, so that it reaches a run that is training.
        var stopAt = (int)CheckpointStore.Inspect(Path.Combine(interrupted, "last.ckpt")).GlobalStep + 2 + random.Next(4);
        var (_, error) = RunUntil(
            dir, interrupted, stopAt, 0, process => ChildProcess.Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]), ExitCodes.Interrupted);
        Assert.Contains("netdsl: SIGTERM received: stopping after the current step and writing a checkpoint", error);
        Assert.Contains("netdsl: interrupted: Training stopped at ", error);
        Assert.Contains($"Resume with:\n  netdsl train --model TinyGreyNet", error.Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.EndsWith(" --resume", error.TrimEnd());

        var finished = ChildProcess.Run(Netdsl, Arguments(dir, interrupted, resume: true), environment: OneThread);
        Assert.True(finished.ExitCode == ExitCodes.Success, finished.Error + finished.Output);
        Assert.True(tookOver > 0, "no resumed run took over the lock of a killed one");
        Assert.DoesNotContain("Took over", finished.Output, StringComparison.Ordinal);

        AssertSameTensors(Path.Combine(straight, "final.safetensors"), Path.Combine(interrupted, "final.safetensors"));
        Assert.Empty(Directory.GetFiles(interrupted, "*.tmp-*"));
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, "metrics.csv")).Select(Figures), File.ReadAllLines(Path.Combine(interrupted, "metrics.csv")).Select(Figures));
        log.WriteLine(
            $"{Kills} SIGKILLs at steps {string.Join(", ", targets)} and a SIGTERM at step {stopAt} of {Epochs * BatchesPerEpoch}: all resumed, final weights bit-identical; " +
            $"{tookOver} stale locks taken over; {leftovers} runs found temporary files to delete; {clock.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public void A_second_run_on_a_live_runs_folder_is_refused_naming_the_first()
    {
        using var dir = new TempDirectory();
        TinyData.WriteMnist(dir.File("mnist"), trainCount: BatchesPerEpoch * 16, testCount: 64);
        var folder = dir.File("run");
        var output = new StringBuilder();
        using var first = ChildProcess.Start(Netdsl, Arguments(dir, folder, resume: false, epochs: 1000), output, new StringBuilder(), OneThread);
        WaitForStep(first, folder, 1);

        var second = Cli.Run(Arguments(dir, folder, resume: true));

        first.Kill();
        first.WaitForExit();
        Assert.Equal(ExitCodes.Usage, second.ExitCode);
        Assert.Contains($"netdsl: error: --out: '{folder}' is in use by another run (pid {first.Id} on {Environment.MachineName}, started ", second.Error);
        Assert.Contains("UTC: netdsl train --model TinyGreyNet", second.Error);
    }

    private static string[] Arguments(TempDirectory dir, string folder, bool resume, int epochs = Epochs) =>
    [
        "train", "--model", "TinyGreyNet", "--assembly", TestAssembly, "--data", "mnist", "--data-dir", dir.File("mnist"),
        "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--batch-size", "16", "--device", "cpu", "--augment", "--seed", "5",
        "--checkpoint-every", "2", "--out", folder, "--export", Path.Combine(folder, "final.safetensors"), .. resume ? new[] { "--resume" } : [],
    ];

    /// <summary>Resumes the run, waits until its checkpoint has passed <paramref name="step"/> and <paramref name="delayMs"/> more, then interrupts it.</summary>
    private static (string Output, string Error) RunUntil(TempDirectory dir, string folder, int step, int delayMs, Action<Process> interrupt, int expectedExit)
    {
        var (output, error) = (new StringBuilder(), new StringBuilder());
        using var process = ChildProcess.Start(Netdsl, Arguments(dir, folder, resume: true), output, error, OneThread);
        WaitForStep(process, folder, step);
        Thread.Sleep(delayMs);
        Assert.False(process.HasExited, $"the run ended before it could be interrupted at step {step}:\n{output}{error}");
        interrupt(process);
        process.WaitForExit();
        Assert.True(process.ExitCode == expectedExit, $"exit code {process.ExitCode}:\n{output}{error}");
        return (output.ToString(), error.ToString());
    }

    /// <summary>Polls the run folder until <c>last.ckpt</c> is at <paramref name="step"/> or later (or the process ends).</summary>
    private static void WaitForStep(Process process, string folder, int step)
    {
        var last = Path.Combine(folder, "last.ckpt");
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (File.Exists(last) && CheckpointStore.Inspect(last).GlobalStep >= step)
            {
                return;
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>A metrics row without the columns that measure time.</summary>
    private static string Figures(string row) => string.Join(',', row.Split(',').Take(9).Append(row.Split(',')[^1]));

    private static void AssertSameTensors(string expectedPath, string actualPath)
    {
        using var expected = SafeTensorsFile.Open(expectedPath);
        using var actual = SafeTensorsFile.Open(actualPath);
        Assert.Equal(expected.Entries.Select(e => e.Name), actual.Entries.Select(e => e.Name));
        var differing = new List<string>();
        foreach (var entry in expected.Entries)
        {
            using var a = expected.Read(entry);
            using var b = actual.Read(actual.Entries.Single(e => e.Name == entry.Name));
            if (!a.bytes.SequenceEqual(b.bytes))
            {
                differing.Add(entry.Name);
            }
        }

        Assert.True(differing.Count == 0, "not bit-identical: " + string.Join(", ", differing));
    }
}
