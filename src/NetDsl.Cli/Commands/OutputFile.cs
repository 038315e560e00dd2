using System;
using System.IO;
using System.Text;
using NetDsl.Runtime.IO;

namespace NetDsl.Cli.Commands;

/// <summary>A text file a command writes for its <c>--out</c> option: whole or not at all (see <see cref="AtomicFile"/>).</summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    /// <exception cref="CliException">The file cannot be written; the message names it and the fix.</exception>
    public static void Write(string path, string text)
    {
        try
        {
            AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"--out: cannot write '{path}' ({e.Message}); pass a path in a folder you can write to.", e);
        }
    }
}
