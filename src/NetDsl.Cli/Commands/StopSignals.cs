using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetDsl.Cli.Commands;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a request to stop after the current training step; a second one
/// ends the process at once, as it would without this handler (the checkpoints stay whole either way: they are
/// written atomically).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts handling the signals; what they do is told on <paramref name="error"/>.</summary>
    public StopSignals(TextWriter error)
    {
        void Handle(PosixSignalContext context)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            context.Cancel = true;
            error.WriteLine($"netdsl: {context.Signal} received: stopping after the current step and writing a checkpoint (send it again to stop at once).");
            _stop.Cancel();
        }

        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Signalled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Stops handling the signals.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
