using System;
using System.IO;
using System.Text.Json;
using NetDsl.Runtime.IO;
using Xunit;

namespace NetDsl.Runtime.Tests.IO;

public sealed class RunFolderLockTests
{
    [Fact]
    public void ASecondHolderIsRefusedWithTheFirstOnesDetails()
    {
        using var dir = new TempDirectory();
        using var first = RunFolderLock.Acquire(dir.Path, "netdsl train --out run");

        var e = Assert.Throws<RunFolderInUseException>(() => RunFolderLock.Acquire(dir.Path, "netdsl train --out run"));

        Assert.Equal(Environment.ProcessId, e.Owner!.Pid);
        Assert.Contains($"is in use by another run (pid {Environment.ProcessId} on {Environment.MachineName}, started ", e.Message);
        Assert.Contains("UTC: netdsl train --out run)", e.Message);
    }

    [Fact]
    public void ReleasingLetsTheNextRunInWithoutCallingItStale()
    {
        using var dir = new TempDirectory();
        RunFolderLock.Acquire(dir.Path, "first").Dispose();

        using var second = RunFolderLock.Acquire(dir.Path, "second");

        Assert.Null(second.StaleOwner);
    }

    [Fact]
    public void TheLockOfAKilledRunIsTakenOverAndItsTemporaryFilesDeleted()
    {
        using var dir = new TempDirectory();
        var killed = new RunOwner(999_999, "elsewhere", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "netdsl train");
        File.WriteAllText(Path.Combine(dir.Path, ".netdsl.lock.json"), JsonSerializer.Serialize(killed));
        File.WriteAllText(Path.Combine(dir.Path, ".netdsl.lock"), string.Empty);
        File.WriteAllText(Path.Combine(dir.Path, ".last.ckpt.tmp-0123"), "half a checkpoint");
        File.WriteAllText(Path.Combine(dir.Path, "keep.txt"), "not ours to delete");

        using var taken = RunFolderLock.Acquire(dir.Path, "netdsl train --resume");

        Assert.Equal(killed, taken.StaleOwner);
        Assert.Equal("pid 999999 on elsewhere, started 2026-01-02 03:04:05 UTC: netdsl train", killed.ToString());
        Assert.Equal(1, taken.DeletedLeftovers);
        Assert.False(File.Exists(Path.Combine(dir.Path, ".last.ckpt.tmp-0123")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "keep.txt")));
    }
}
