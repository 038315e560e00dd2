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

    /// <summary>Training or evaluation failed (the loss diverged, a checkpoint does not fit, libtorch failed).</summary>
    public const int RunFailed = 4;

    /// <summary>No usable libtorch: none was found, or the one found is a release TorchSharp cannot run on.</summary>
    public const int LibTorchUnavailable = 5;
}
