namespace NetDsl.Cli;

/// <summary>The process exit codes of <c>netdsl</c> (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Everything worked; <c>check</c> found no errors (warnings allowed).</summary>
    public const int Success = 0;

    /// <summary>A spec has errors (<c>check</c>, <c>summary</c>).</summary>
    public const int SpecErrors = 1;

    /// <summary>The command line is wrong: an unknown option or value, an unknown model, a missing file, a network that cannot take the data.</summary>
    public const int Usage = 2;

    /// <summary>The data set is missing or unreadable.</summary>
    public const int DataUnavailable = 3;

    /// <summary>Training or evaluation failed (the loss diverged, a checkpoint or weights file is damaged or does not fit, libtorch failed).</summary>
    public const int RunFailed = 4;

    /// <summary>
    /// <c>train</c> was interrupted (Ctrl-C, SIGTERM): it finished the step it was in, wrote a resumable checkpoint
    /// and printed the command that resumes it.
    /// </summary>
    public const int Interrupted = 5;

    /// <summary>No usable libtorch: none was found, or the one found is a release TorchSharp cannot run on.</summary>
    public const int LibTorchUnavailable = 6;
}
