using System;
using NetDsl.Runtime.Native;

namespace NetDsl.Cli.Commands;

/// <summary>Loads libtorch for the commands that run a network, turning its failure into one line and exit code 5.</summary>
internal static class LibTorchGuard
{
    /// <summary>Loads libtorch once; a warning (a libtorch accepted on its symbols alone) goes to the error writer once.</summary>
    /// <exception cref="CliException">No usable libtorch.</exception>
    public static LibTorchStatus Ensure(CliContext context)
    {
        var first = LibTorch.Current is null;
        var status = Call(LibTorch.EnsureLoaded);
        if (first && status.Warning is { } warning)
        {
            context.Error.WriteLine("netdsl: warning: " + warning);
        }

        return status;
    }

    /// <summary>Runs a look-up of <see cref="LibTorch"/>; its failure becomes a <see cref="CliException"/> with exit code 5.</summary>
    /// <exception cref="CliException">No usable libtorch.</exception>
    public static T Call<T>(Func<T> lookUp)
    {
        try
        {
            return lookUp();
        }
        catch (LibTorchUnavailableException e)
        {
            throw new CliException(ExitCodes.LibTorchUnavailable, e.Message, e);
        }
    }
}
