using System;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Training;

/// <summary>Turns a device name from options or the command line into a TorchSharp device.</summary>
public static class DeviceSelection
{
    /// <summary>
    /// <c>auto</c> picks CUDA when <c>torch.cuda.is_available()</c>, else the CPU; <c>cpu</c>, <c>cuda</c> and
    /// <c>cuda:N</c> are taken as given.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA is asked for but not available.</exception>
    /// <exception cref="ArgumentException">The name is not a device.</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        if (lower == "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }

        if (lower == "cpu")
        {
            return torch.CPU;
        }

        if (lower == "cuda" || lower.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"Device '{name}' was asked for but torch.cuda.is_available() is false: the libtorch backend in use is CPU-only or no GPU is visible. Use 'cpu' or 'auto', or build with a CUDA libtorch package (LibTorchPackage).");
            }

            return torch.device(lower);
        }

        throw new ArgumentException($"Unknown device '{name}'; use auto, cpu, cuda or cuda:N.", nameof(name));
    }
}
