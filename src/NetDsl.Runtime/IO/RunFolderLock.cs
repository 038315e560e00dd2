using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace NetDsl.Runtime.IO;

/// <summary>
/// Gives one process at a time a run folder. The lock is the operating system's advisory lock on
/// <c>.netdsl.lock</c> (.NET takes it for a file opened with <see cref="FileShare.None"/>), so it lasts exactly as
/// long as the holding process: a killed run leaves no lock behind, whatever is on disk. Beside it,
/// <c>.netdsl.lock.json</c> names the holder (pid, host, start time, command) for the message another run gets; a
/// copy left by a killed run marks the stale lock that is taken over. Taking the lock also deletes the temporary
/// files that a killed run's atomic writes left in the folder.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    private const string LockName = ".netdsl.lock";
    private const string OwnerName = ".netdsl.lock.json";

    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private RunFolderLock(FileStream handle, string ownerPath, RunOwner? staleOwner, int deletedLeftovers)
    {
        _lock = handle;
        _ownerPath = ownerPath;
        StaleOwner = staleOwner;
        DeletedLeftovers = deletedLeftovers;
    }

    /// <summary>The run whose lock was taken over: it left its owner file behind and no longer holds the lock; null if none.</summary>
    public RunOwner? StaleOwner { get; }

    /// <summary>How many temporary files of interrupted writes were deleted from the folder.</summary>
    public int DeletedLeftovers { get; }

    /// <summary>Takes the lock on <paramref name="directory"/> (created if missing) for <paramref name="command"/>.</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="command">What this process runs there, for the message another run gets.</param>
    /// <exception cref="RunFolderInUseException">A live process holds the folder.</exception>
    public static RunFolderLock Acquire(string directory, string command)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(command);
        Directory.CreateDirectory(directory);
        var ownerPath = Path.Combine(directory, OwnerName);
        FileStream handle;
        try
        {
            // The lock file is never deleted: a process that opened it just before a delete would lock a file that no
            // longer has a name, while the next one creates and locks another.
            handle = new FileStream(Path.Combine(directory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(Path.Combine(directory, LockName)))
        {
            throw new RunFolderInUseException(directory, ReadOwner(ownerPath), e);
        }

        try
        {
            var stale = ReadOwner(ownerPath);
            var deleted = AtomicFile.DeleteLeftovers(directory);
            using var self = Process.GetCurrentProcess();
            var owner = new RunOwner(Environment.ProcessId, Environment.MachineName, self.StartTime.ToUniversalTime(), command);
            AtomicFile.Write(ownerPath, stream => JsonSerializer.Serialize(stream, owner));
            return new RunFolderLock(handle, ownerPath, stale, deleted);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the folder: deletes the owner file, then lets go of the lock.</summary>
    public void Dispose()
    {
        File.Delete(_ownerPath);
        _lock.Dispose();
    }

    private static RunOwner? ReadOwner(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RunOwner>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}

