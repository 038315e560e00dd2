using System;
using System.IO;

namespace NetDsl.Runtime.IO;

/// <summary>
/// Writes a file so that readers see either the old contents or the complete new ones: the data goes to a
/// temporary file beside the target, is flushed to disk, and is then renamed over the target. A failure while
/// writing deletes the temporary file and leaves the target as it was.
/// </summary>
internal static class AtomicFile
{
    private const string TemporaryMark = ".tmp-";

    /// <summary>
    /// Deletes the temporary files that writes into <paramref name="directory"/> left behind when their process was
    /// killed midway. Call it only while no other process writes there (under a <see cref="RunFolderLock"/>).
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int DeleteLeftovers(string directory)
    {
        var leftovers = Directory.Exists(directory) ? Directory.GetFiles(directory, ".*" + TemporaryMark + "*") : [];
        foreach (var file in leftovers)
        {
            File.Delete(file);
        }

        return leftovers.Length;
    }

    /// <summary>Opens a new file for writing; what <see cref="Write"/> uses unless a test passes one that fails.</summary>
    public static Stream CreateNew(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write, Func<string, Stream>? createFile = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + TemporaryMark + Guid.NewGuid().ToString("N"));
        try
        {
            using (var stream = (createFile ?? CreateNew)(temporary))
            {
                write(stream);
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
