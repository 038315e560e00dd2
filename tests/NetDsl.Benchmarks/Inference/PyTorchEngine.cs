using System;
using System.Diagnostics;
using System.Globalization;

namespace NetDsl.Benchmarks.Inference;

/// <summary>
/// PyTorch in a child process (scripts/pytorch_infer.py) on the module <c>netdsl export --to pytorch</c> prints from
/// the same spec. The process stays open; each <see cref="Run"/> asks it for one timed forward over stdin, so the
/// three engines alternate forward by forward.
/// </summary>
internal sealed class PyTorchEngine : IInferenceEngine
{
    private readonly Process _process;

    private PyTorchEngine(Process process, string version)
    {
        _process = process;
        Name = $"PyTorch {version} eval";
    }

    public string Name { get; }

    /// <summary>Starts the script and waits for its warm-up; null (with the reason printed) when PyTorch cannot run.</summary>
    public static PyTorchEngine? Start(Options options, string modulePath, string className, long[] batchShape)
    {
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     options.PyTorchScript!, "--module", modulePath, "--class", className,
                     "--input", string.Join(',', batchShape[1..]), "--batch", batchShape[0].ToString(CultureInfo.InvariantCulture),
                     "--threads", options.Threads.ToString(CultureInfo.InvariantCulture), "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var version = process.StandardOutput.ReadLine();
        var ready = process.StandardOutput.ReadLine();
        if (version?.StartsWith("torch=", StringComparison.Ordinal) != true || ready != "ready")
        {
            process.WaitForExit();
            Console.WriteLine($"PyTorch left out: {options.PyTorchScript} exited with {process.ExitCode}: {errors.Result.Trim()}");
            process.Dispose();
            return null;
        }

        return new PyTorchEngine(process, version["torch=".Length..]);
    }

    public double Run()
    {
        _process.StandardInput.WriteLine("run");
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("The PyTorch process ended before answering.");
        return double.Parse(line["ms=".Length..], CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _process.StandardInput.WriteLine("quit");
        _process.StandardInput.Close();
        _process.WaitForExit();
        _process.Dispose();
    }
}
