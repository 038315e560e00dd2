using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Runtime.IO;

namespace NetDsl.Runtime.Checkpoints;

/// <summary>
/// The container of a checkpoint (format 2): a magic, named sections back to back, a section table (JSON: each
/// section's name, offset, length and XxHash3), then a 24-byte trailer (the table's offset, the table's checksum,
/// an end marker). Reading checks the trailer, the table's checksum and every section's checksum before a caller
/// sees a byte, so a damaged file names the section that is damaged and nothing is loaded from it.
/// </summary>
internal static class CheckpointLayout
{
    /// <summary>The sections every checkpoint has, in file order.</summary>
    public static readonly string[] Sections = ["state", "rng", "model", "optimizer"];

    /// <summary>The section that follows them in a run that keeps a weight average: the averaged state dict.</summary>
    public const string AverageSection = "average";

    private static readonly byte[] Magic = "NDSLCKP2"u8.ToArray();
    private static readonly byte[] FormerMagic = "NDSLCKP1"u8.ToArray();
    private static readonly byte[] EndMarker = "NDSLEND2"u8.ToArray();
    private const int TrailerLength = 24;
    private const int MaxTableBytes = 64 * 1024;

    /// <summary>Writes the sections through their writers, then the table and the trailer.</summary>
    public static void Write(Stream stream, IReadOnlyList<(string Name, Action<Stream> Write)> sections)
    {
        stream.Write(Magic);
        var offset = (long)Magic.Length;
        var table = new List<SectionEntry>();
        var hashing = new ChecksumStream(stream);
        foreach (var (name, write) in sections)
        {
            hashing.Restart();
            write(hashing);
            table.Add(new SectionEntry(name, offset, hashing.Written, Checksum.Hex(hashing.Current)));
            offset += hashing.Written;
        }

        var tableBytes = JsonSerializer.SerializeToUtf8Bytes(table);
        stream.Write(tableBytes);
        Span<byte> trailer = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteInt64LittleEndian(trailer, offset);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer[8..], Checksum.Of(tableBytes));
        EndMarker.CopyTo(trailer[16..]);
        stream.Write(trailer);
    }

    /// <summary>
    /// Checks <paramref name="stream"/> whole (trailer, table, every section's checksum) and returns where each
    /// section lies.
    /// </summary>
    /// <exception cref="DamagedFileException">The table or a section does not match its checksum.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this format, or is truncated.</exception>
    public static IReadOnlyDictionary<string, (long Offset, long Length)> Read(Stream stream, string path)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[Magic.Length];
        if (length < Magic.Length || stream.Read(head) != Magic.Length || !(head.SequenceEqual(Magic) || head.SequenceEqual(FormerMagic)))
        {
            throw new InvalidDataException($"'{path}' is not a NetDsl checkpoint (it does not start with NDSLCKP2).");
        }

        if (head.SequenceEqual(FormerMagic))
        {
            throw new InvalidDataException(
                $"'{path}' is a checkpoint of format 1, written by an earlier NetDsl without checksums, so it cannot be checked for damage; " +
                "start the run over (without --resume), or load it with that NetDsl and export the weights.");
        }

        Span<byte> trailer = stackalloc byte[TrailerLength];
        if (length >= Magic.Length + TrailerLength)
        {
            ReadAt(stream, length - TrailerLength, trailer);
        }

        if (!trailer[16..].SequenceEqual(EndMarker))
        {
            throw new InvalidDataException($"Checkpoint '{path}' is truncated or damaged at its end (no end marker); it is not a whole checkpoint.");
        }

        var tableOffset = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        var tableLength = length - TrailerLength - tableOffset;
        if (tableOffset < Magic.Length || tableLength <= 0 || tableLength > MaxTableBytes)
        {
            throw new DamagedFileException(path, "the trailer", $"its trailer puts the section table at byte {tableOffset} of {length}");
        }

        var tableBytes = new byte[tableLength];
        ReadAt(stream, tableOffset, tableBytes);
        if (Checksum.Of(tableBytes) != BinaryPrimitives.ReadUInt64LittleEndian(trailer[8..]))
        {
            throw new DamagedFileException(path, "the section table");
        }

        var sections = ParseTable(tableBytes, path, tableOffset);
        foreach (var section in sections)
        {
            if (Checksum.Hex(Checksum.Of(stream, section.Offset, section.Length)) != section.Checksum)
            {
                throw new DamagedFileException(path, $"the {section.Name} section");
            }
        }

        return sections.ToDictionary(s => s.Name, s => (s.Offset, s.Length), StringComparer.Ordinal);
    }

    /// <summary>Reads a section's bytes (checked by <see cref="Read"/>, and never longer than the file).</summary>
    public static byte[] Bytes(Stream stream, (long Offset, long Length) section)
    {
        var bytes = new byte[section.Length];
        ReadAt(stream, section.Offset, bytes);
        return bytes;
    }

    /// <summary>The table's sections, checked to be the expected ones and to fill the file back to back.</summary>
    private static List<SectionEntry> ParseTable(byte[] tableBytes, string path, long tableOffset)
    {
        List<SectionEntry>? sections;
        try
        {
            sections = JsonSerializer.Deserialize<List<SectionEntry>>(tableBytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' has a section table that is not valid ({e.Message}); the file was not written by NetDsl.", e);
        }

        var names = sections is null || sections.Any(s => s is null) ? [] : sections.Select(s => s.Name).ToArray();
        if (!names.SequenceEqual(Sections) && !names.SequenceEqual([.. Sections, AverageSection]))
        {
            throw new InvalidDataException(
                $"'{path}' has the sections [{string.Join(", ", names)}] where a checkpoint has [{string.Join(", ", Sections)}], and a run with a weight average also [{AverageSection}].");
        }

        var position = (long)Magic.Length;
        foreach (var section in sections!)
        {
            if (section.Offset != position || section.Length < 0 || section.Offset + section.Length > tableOffset)
            {
                throw new InvalidDataException($"'{path}': the {section.Name} section's bytes [{section.Offset}, {section.Offset + section.Length}) do not follow the previous section within the file.");
            }

            position += section.Length;
        }

        if (position != tableOffset)
        {
            throw new InvalidDataException($"'{path}': the sections end at byte {position} but the section table starts at byte {tableOffset}.");
        }

        return sections;
    }

    private static void ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        stream.Position = offset;
        stream.ReadExactly(buffer);
    }

    /// <summary>One row of the section table.</summary>
    private sealed record SectionEntry(string Name, long Offset, long Length, string Checksum);
}
