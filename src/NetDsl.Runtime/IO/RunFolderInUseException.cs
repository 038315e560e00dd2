using System;

namespace NetDsl.Runtime.IO;

/// <summary>Another live process holds the run folder (see <see cref="RunFolderLock"/>).</summary>
public sealed class RunFolderInUseException : Exception
{
    /// <summary>Creates the exception for <paramref name="directory"/>, held by <paramref name="owner"/> (null when it has not said who it is yet).</summary>
    public RunFolderInUseException(string directory, RunOwner? owner, Exception inner)
        : base(
            $"'{directory}' is in use by another run ({owner?.ToString() ?? "a process that has not written its details yet"}); " +
            "wait for it to finish, stop it, or give this run another folder.",
            inner)
    {
        Directory = directory;
        Owner = owner;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The process holding it, as it described itself.</summary>
    public RunOwner? Owner { get; }
}
