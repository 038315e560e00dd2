using System;

namespace NetDsl.Runtime.Native;

/// <summary>
/// No usable libtorch: none was found, or the one found cannot run TorchSharp's native shim. The message is one
/// line that names the folder, the version found, the version needed and how to point at another.
/// </summary>
public sealed class LibTorchUnavailableException : Exception
{
    /// <summary>Creates the failure.</summary>
    public LibTorchUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the failure with the exception that caused it.</summary>
    public LibTorchUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
