using System;
using NetDsl.Nn;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Commands;

/// <summary>Turns the failures of a training or evaluation run into messages and exit codes.</summary>
internal static class RunGuard
{
    /// <summary>Runs <paramref name="run"/>; known failures become a <see cref="CliException"/>.</summary>
    public static int Run(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (TrainingDivergedException e)
        {
            throw new CliException(ExitCodes.RunFailed, e.Message + " Try a lower --lr, --warmup or --clip.", e);
        }
        catch (InputShapeException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message, e);
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new CliException(ExitCodes.RunFailed, $"{e.GetType().Name}: {e.Message}", e);
        }
    }
}
