using System;
using System.Globalization;

namespace NetDsl.Runtime.IO;

/// <summary>The process that holds (or held) a run folder.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Command">What it runs.</param>
public sealed record RunOwner(int Pid, string Host, DateTime Started, string Command)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {Pid} on {Host}, started {Started:yyyy-MM-dd HH:mm:ss} UTC: {Command}");
}
