using System;
using NetDsl.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>Turns a device name from options or the command line into a TorchSharp device.</summary>
public static class DeviceSelection
{
    /// <summary>
    /// Loads libtorch first (<see cref="LibTorch.EnsureLoaded"/>). <c>auto</c> picks CUDA when
    /// <c>torch.cuda.is_available()</c>, else the CPU; <c>cpu</c>, <c>cuda</c> and <c>cuda:N</c> are taken as given,
    /// and a CUDA device that cannot be had fails with the reason, never with a quiet fall-back to the CPU.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA is asked for but not available.</exception>
    /// <exception cref="ArgumentException">The name is not a device.</exception>
    /// <exception cref="LibTorchUnavailableException">No usable libtorch.</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        var isCuda = lower == "cuda" || lower.StartsWith("cuda:", StringComparison.Ordinal);
        if (lower != "auto" && lower != "cpu" && !isCuda)
        {
            throw new ArgumentException($"Unknown device '{name}'; use auto, cpu, cuda or cuda:N.", nameof(name));
        }

        var libtorch = LibTorch.EnsureLoaded();
        if (lower == "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }

        if (lower == "cpu")
        {
            return torch.CPU;
        }

        if (!torch.cuda.is_available())
        {
            throw new InvalidOperationException($"Device '{name}' was asked for but torch.cuda.is_available() is false: {libtorch.NoCudaReason}.");
        }

        return torch.device(lower);
    }
}
