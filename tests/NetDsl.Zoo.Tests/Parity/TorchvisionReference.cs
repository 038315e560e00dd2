using System;
using System.IO;
using System.Text.Json;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>Runs torchvision_reference.py with Debian's PyTorch 1.13 and torchvision 0.14 (<see cref="ReferencePython"/>).</summary>
internal static class TorchvisionReference
{
    private static readonly Lazy<string?> Missing = new(() => ReferencePython.Missing("torch, torchvision"));

    /// <summary>Why the reference cannot run here, or null when it can.</summary>
    public static string? WhyUnavailable => Missing.Value;

    /// <summary>Builds torchvision's <paramref name="model"/> and writes its weights, a batch and its output to <paramref name="folder"/>.</summary>
    public static ReferenceModel Export(string model, string folder)
    {
        Run("export", model, folder);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "reference.json")));
        var root = document.RootElement;
        var keys = root.GetProperty("keys").EnumerateArray();
        var list = new System.Collections.Generic.List<string>();
        foreach (var key in keys)
        {
            list.Add(key.GetString()!);
        }

        return new ReferenceModel(
            root.GetProperty("parameters").GetInt64(),
            list,
            Path.Combine(folder, "weights.safetensors"),
            Path.Combine(folder, "io.safetensors"));
    }

    /// <summary>
    /// Loads <c>exported.safetensors</c> of <paramref name="folder"/> into torchvision's <paramref name="model"/>
    /// (strictly), runs <c>io.safetensors</c>'s input, and returns the largest absolute difference from its output
    /// and that output's largest magnitude.
    /// </summary>
    public static (double Difference, double Magnitude) Check(string model, string folder)
    {
        using var document = JsonDocument.Parse(Run("check", model, folder));
        return (document.RootElement.GetProperty("max_abs_difference").GetDouble(), document.RootElement.GetProperty("max_abs_output").GetDouble());
    }

    private static string Run(string command, string model, string folder)
    {
        var script = ReferencePython.Script("torchvision_reference.py");
        var (exit, output, error) = ReferencePython.Exec(script, command, model, folder);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{ReferencePython.Python} {script} {command} {model} failed with exit code {exit}:\n{error}");
        }

        return output;
    }
}

/// <summary>What torchvision_reference.py export wrote: the reference counts and keys and the two files.</summary>
internal sealed record ReferenceModel(long Parameters, System.Collections.Generic.IReadOnlyList<string> Keys, string WeightsPath, string InputOutputPath);
