using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// TorchSharp's own weights format, as <c>Module.save</c> writes it: a LEB128 entry count, then for each entry its
/// name and a tensor record. NetDsl appends a 16-byte trailer, <c>NDSLSUM1</c> and the XxHash3 of every byte
/// before it; TorchSharp's <c>Module.load</c> stops after the last entry and never reads it, so the file stays
/// TorchSharp's. Opening verifies that checksum when the trailer is there, then walks every record against the
/// file's length before any tensor is read, so a damaged or lying file fails with a message instead of
/// reaching libtorch.
/// </summary>
internal sealed class TorchSharpWeightsFile : ITensorFile
{
    /// <summary>The trailer's first 8 bytes.</summary>
    internal static readonly byte[] TrailerMagic = "NDSLSUM1"u8.ToArray();

    /// <summary>The trailer's length: the magic and the 8-byte checksum.</summary>
    internal const int TrailerLength = 16;

    private readonly Stream _stream;
    private readonly bool _ownsStream;

    private TorchSharpWeightsFile(Stream stream, bool ownsStream, string description, IReadOnlyList<TensorEntry> entries, bool hasChecksum)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        Description = description;
        Entries = entries;
        HasChecksum = hasChecksum;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorEntry> Entries { get; }

    /// <summary>Whether the file carried NetDsl's checksum trailer (it did, and it matched).</summary>
    public bool HasChecksum { get; }

    /// <summary>Opens and checks a weights file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DamagedFileException">The checksum trailer does not match.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or not in TorchSharp's format.</exception>
    public static TorchSharpWeightsFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file '{path}' does not exist.", path);
        }

        var stream = File.OpenRead(path);
        try
        {
            var end = stream.Length;
            var hasChecksum = HasTrailer(stream);
            if (hasChecksum)
            {
                end -= TrailerLength;
                if (Checksum.Of(stream, 0, end) != ReadStoredChecksum(stream))
                {
                    throw new DamagedFileException(path, "the state dict");
                }
            }

            var description = $"'{path}' (TorchSharp format)";
            var entries = ReadEntries(stream, 0, end, description, trailing: "it is not NetDsl's checksum trailer either");
            return new TorchSharpWeightsFile(stream, ownsStream: true, description, entries, hasChecksum);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a state dict that fills the region <c>[start, end)</c> of <paramref name="stream"/>, which stays open.</summary>
    internal static TorchSharpWeightsFile OpenRegion(Stream stream, long start, long end, string description) =>
        new(stream, ownsStream: false, description, ReadEntries(stream, start, end, description, trailing: "the section holds nothing else"), hasChecksum: false);

    /// <summary>Writes <paramref name="model"/>'s state dict in TorchSharp's format followed by the checksum trailer, atomically.</summary>
    public static void Save(nn.Module model, string path) => AtomicFile.Write(path, stream =>
    {
        var checksum = new ChecksumStream(stream);
        using (var writer = new BinaryWriter(checksum, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
        }

        stream.Write(TrailerMagic);
        Span<byte> value = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(value, checksum.Current);
        stream.Write(value);
    });

    /// <inheritdoc />
    public Tensor Read(TensorEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tensor = empty(entry.Shape.ToArray(), entry.DType);
        try
        {
            _stream.Position = entry.Begin;
            _stream.ReadExactly(tensor.bytes);
            return tensor;
        }
        catch (EndOfStreamException)
        {
            tensor.Dispose();
            throw new InvalidDataException($"{Description}: the file ended inside tensor '{entry.Name}'; it was changed while being read.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private static bool HasTrailer(Stream stream)
    {
        if (stream.Length < TrailerLength)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[TrailerMagic.Length];
        stream.Position = stream.Length - TrailerLength;
        stream.ReadExactly(magic);
        return magic.SequenceEqual(TrailerMagic);
    }

    private static ulong ReadStoredChecksum(Stream stream)
    {
        Span<byte> value = stackalloc byte[8];
        stream.Position = stream.Length - 8;
        stream.ReadExactly(value);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(value);
    }

    private static List<TensorEntry> ReadEntries(Stream stream, long start, long end, string description, string trailing)
    {
        var reader = new TorchSharpReader(stream, start, end, problem => new InvalidDataException($"{description} is not a valid TorchSharp state dict: {problem}."));
        var count = reader.ReadLeb128("the entry count");
        if (count > reader.Remaining)
        {
            throw new InvalidDataException($"{description} is not a valid TorchSharp state dict: it claims {count} entries but only {reader.Remaining} bytes follow.");
        }

        var entries = new List<TensorEntry>((int)Math.Min(count, 4096));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString($"the name of entry {i}");
            if (!names.Add(name))
            {
                throw new InvalidDataException($"{description} is not a valid TorchSharp state dict: it names '{name}' twice.");
            }

            entries.Add(reader.ReadTensor(name));
        }

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException(
                $"{description} is not a valid TorchSharp state dict: {reader.Remaining} bytes follow its last tensor and {trailing}; the file is damaged.");
        }

        return entries;
    }
}
