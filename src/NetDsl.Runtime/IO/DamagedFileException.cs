using System.IO;

namespace NetDsl.Runtime.IO;

/// <summary>
/// A checkpoint or weights file whose contents no longer match the checksum NetDsl wrote into it: it was changed
/// (by a disk, a copy, an editor) after it was written, and nothing was loaded from it.
/// </summary>
public sealed class DamagedFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="section"/> of <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="section">The part whose checksum does not match, as the message names it ("the model section").</param>
    public DamagedFileException(string path, string section)
        : this(path, section, $"{section}'s checksum does not match; the file was changed after it was written")
    {
    }

    /// <summary>Creates the exception for another sign of damage in <paramref name="section"/>, described by <paramref name="problem"/>.</summary>
    public DamagedFileException(string path, string section, string problem)
        : base($"'{path}' is damaged: {problem}. Nothing was loaded from it.")
    {
        FilePath = path;
        Section = section;
    }

    /// <summary>The damaged file.</summary>
    public string FilePath { get; }

    /// <summary>The part of the file whose checksum does not match.</summary>
    public string Section { get; }
}
