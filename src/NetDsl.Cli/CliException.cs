using System;

namespace NetDsl.Cli;

/// <summary>A failure the user can fix: the message names the file or option and the fix, the code is the exit code.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the failure.</summary>
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the failure with the exception that caused it.</summary>
    public CliException(int exitCode, string message, Exception inner)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }
}
