using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TorchSharp;
using NetDsl.Runtime.IO;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// A safetensors file (the format Hugging Face's safetensors library defines: an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and byte range, then the bytes). Opening it reads and
/// checks the whole header against the file's length, so a truncated or malformed file fails before any tensor is
/// read; tensors are then read one at a time, straight into libtorch's memory.
/// </summary>
/// <remarks>
/// Files NetDsl writes carry a checksum in their metadata, under <see cref="ChecksumKey"/> and again under
/// <see cref="ChecksumCopyKey"/> (so damage to one key's name cannot make the file look unchecked):
/// <c>xxh3-64:&lt;header&gt;:&lt;data&gt;</c>, the XxHash3 of the header's bytes (with the header checksum's own
/// digits read as zeros) and of the data section. Opening verifies both before any tensor is read, so a change to
/// any byte of the file is refused. Other readers see two more metadata strings; files without them (written by others) load
/// unchecked, as before.
/// </remarks>
public sealed class SafeTensorsFile : ITensorFile
{
    /// <summary>The metadata key of NetDsl's checksum.</summary>
    public const string ChecksumKey = "netdsl.checksum";

    /// <summary>The metadata key of the checksum's copy.</summary>
    public const string ChecksumCopyKey = "netdsl.checksum.copy";

    /// <summary>The largest header accepted (the reference implementation's limit), so a corrupt length cannot ask for gigabytes.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private readonly FileStream _stream;
    private readonly long _dataStart;

    private SafeTensorsFile(string path, FileStream stream, long dataStart, IReadOnlyList<TensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _stream = stream;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Whether the file carries NetDsl's checksum (it did, and it matched: <see cref="Open"/> checked it).</summary>
    public bool HasChecksum => Metadata.ContainsKey(ChecksumKey);

    string ITensorFile.Description => $"'{Path}'";

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<TensorEntry> Entries { get; }

    /// <summary>The header's <c>__metadata__</c> (string to string), empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and checks <paramref name="path"/>: the header, and NetDsl's checksum when the file has one.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DamagedFileException">The file's checksum does not match its contents.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed.</exception>
    public static SafeTensorsFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file '{path}' does not exist.", path);
        }

        var stream = File.OpenRead(path);
        try
        {
            var (entries, metadata, dataStart, header) = ReadHeader(path, stream);
            Verify(path, stream, header, metadata, dataStart);
            return new SafeTensorsFile(path, stream, dataStart, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads one tensor into a new CPU tensor.</summary>
    public Tensor Read(TensorEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tensor = empty(entry.Shape.ToArray(), entry.DType);
        try
        {
            _stream.Position = _dataStart + entry.Begin;
            _stream.ReadExactly(tensor.bytes);
            return tensor;
        }
        catch (EndOfStreamException)
        {
            tensor.Dispose();
            throw Invalid(Path, $"the file ended inside tensor '{entry.Name}'; it was changed while being read.");
        }
    }

    /// <summary>Reads every tensor, by name.</summary>
    public Dictionary<string, Tensor> ReadAll() => Entries.ToDictionary(e => e.Name, Read, StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// Writes <paramref name="tensors"/> (and <paramref name="metadata"/>) to <paramref name="path"/> atomically: a
    /// failure midway leaves any previous file there whole.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(path, tensors, metadata, null);

    internal static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata, Func<string, Stream>? createFile)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var duplicate = list.GroupBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two tensors are named '{duplicate.Key}'; safetensors names are unique.", nameof(tensors));
        }

        if (list.Any(t => t.Key == MetadataKey))
        {
            throw new ArgumentException($"'{MetadataKey}' is reserved for the metadata; rename that tensor.", nameof(tensors));
        }

        if (metadata is not null && (metadata.ContainsKey(ChecksumKey) || metadata.ContainsKey(ChecksumCopyKey)))
        {
            throw new ArgumentException($"The metadata keys '{ChecksumKey}' and '{ChecksumCopyKey}' are NetDsl's; the checksum is written for you.", nameof(metadata));
        }

        var entries = Layout(list);
        var data = Checksum.Create();
        foreach (var (_, tensor) in list)
        {
            using var scope = NewDisposeScope();
            data.Append(tensor.detach().cpu().contiguous().bytes);
        }

        // The header's checksum covers the header's own bytes, with its two copies of that checksum read as zeros.
        var placeholder = $"{Checksum.Algorithm}:{Checksum.Hex(0)}:{Checksum.Hex(data.GetCurrentHashAsUInt64())}";
        var header = Header(entries, new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { [ChecksumKey] = placeholder, [ChecksumCopyKey] = placeholder });
        var headerChecksum = Encoding.ASCII.GetBytes(Checksum.Hex(Checksum.Of(header)));
        foreach (var at in HeaderChecksumDigits(header, placeholder))
        {
            headerChecksum.CopyTo(header, at);
        }

        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, tensor) in list)
            {
                using var scope = NewDisposeScope();
                stream.Write(tensor.detach().cpu().contiguous().bytes);
            }
        }, createFile);
    }

    /// <summary>Where each tensor goes in the data section: back to back, in the given order.</summary>
    private static List<TensorEntry> Layout(List<KeyValuePair<string, Tensor>> tensors)
    {
        var entries = new List<TensorEntry>(tensors.Count);
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            var size = tensor.numel() * tensor.ElementSize;
            entries.Add(new TensorEntry(name, tensor.dtype, tensor.shape, offset, offset + size));
            offset += size;
        }

        return entries;
    }

    private static byte[] Header(List<TensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            foreach (var (key, value) in metadata)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", SafeTensorDType.NameOf(entry.DType));
                json.WriteStartArray("shape");
                foreach (var dim in entry.Shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(entry.Begin);
                json.WriteNumberValue(entry.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // The data section starts 8-byte aligned; the format allows trailing spaces in the header for that.
        var padding = (int)((8 - (buffer.Length % 8)) % 8);
        buffer.Write(Enumerable.Repeat((byte)' ', padding).ToArray());
        return buffer.ToArray();
    }

    private static (List<TensorEntry> Entries, Dictionary<string, string> Metadata, long DataStart, byte[] Header) ReadHeader(string path, FileStream stream)
    {
        var fileLength = stream.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (fileLength < 8 || stream.Read(prefix) != 8)
        {
            throw Invalid(path, $"it is {fileLength} bytes long, shorter than the 8-byte header length that starts every safetensors file.");
        }

        var headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(fileLength - 8))
        {
            throw Invalid(path, $"the header length {headerLength} is larger than the {fileLength - 8} bytes that follow it; the file is truncated or not safetensors.");
        }

        if (headerLength > MaxHeaderBytes)
        {
            throw Invalid(path, $"the header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit.");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataLength = fileLength - 8 - (long)headerLength;
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            throw Invalid(path, "the header is not valid UTF-8 text.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"the header is not valid JSON ({e.Message}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"the header is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object of tensors.");
            }

            var entries = new List<TensorEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Invalid(path, $"the header names '{property.Name}' twice.");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                }
                else
                {
                    entries.Add(ReadEntry(path, property.Name, property.Value, dataLength));
                }
            }

            CheckCoverage(path, entries, dataLength);
            return (entries, metadata, 8 + (long)headerLength, header);
        }
    }

    /// <summary>
    /// Where the header checksum's digits are in <paramref name="header"/>: in each of the two places the metadata
    /// holds <paramref name="value"/> (the checksum entry and its copy), right after <c>xxh3-64:</c>.
    /// </summary>
    private static List<int> HeaderChecksumDigits(byte[] header, string value)
    {
        var needle = Encoding.UTF8.GetBytes(value);
        var found = new List<int>();
        for (var at = header.AsSpan().IndexOf(needle); at >= 0 && found.Count <= 2;)
        {
            found.Add(at + Checksum.Algorithm.Length + 1);
            var next = header.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return found;
    }

    /// <summary>Checks NetDsl's checksum, when the file has one, before anything is read from the data section.</summary>
    private static void Verify(string path, FileStream stream, byte[] headerBytes, Dictionary<string, string> metadata, long dataStart)
    {
        metadata.TryGetValue(ChecksumKey, out var checksum);
        metadata.TryGetValue(ChecksumCopyKey, out var copy);
        if (checksum is null && copy is null)
        {
            return;
        }

        if (checksum != copy)
        {
            throw new DamagedFileException(path, "the metadata", $"its '{ChecksumKey}' and '{ChecksumCopyKey}' entries differ (one is missing or changed)");
        }

        var parts = checksum!.Split(':');
        if (parts.Length != 3 || parts[0] != Checksum.Algorithm || !Checksum.TryParseHex(parts[1], out var header) || !Checksum.TryParseHex(parts[2], out var data))
        {
            throw new DamagedFileException(path, "the metadata", $"its '{ChecksumKey}' is '{checksum}', not '{Checksum.Algorithm}:<16 hex digits>:<16 hex digits>'");
        }

        var blanked = headerBytes.ToArray();
        var digits = HeaderChecksumDigits(blanked, checksum);
        if (digits.Count != 2)
        {
            throw new DamagedFileException(path, "the header", $"its header holds the checksum {digits.Count} times instead of twice");
        }

        foreach (var at in digits)
        {
            Encoding.ASCII.GetBytes(Checksum.Hex(0)).CopyTo(blanked, at);
        }

        if (Checksum.Of(blanked) != header)
        {
            throw new DamagedFileException(path, "the header");
        }

        if (Checksum.Of(stream, dataStart, stream.Length - dataStart) != data)
        {
            throw new DamagedFileException(path, "the tensor data");
        }
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"'{path}' is not a valid safetensors file: {problem}");

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"'{MetadataKey}' must be an object of strings.");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid(path, $"metadata '{item.Name}' is a {item.Value.ValueKind.ToString().ToLowerInvariant()}; metadata values are strings.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static TensorEntry ReadEntry(string path, string name, JsonElement value, long dataLength)
    {
        string Where(string problem) => $"tensor '{name}': {problem}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, Where("its entry is not an object with dtype, shape and data_offsets."));
        }

        if (!value.TryGetProperty("dtype", out var dtypeNode) || dtypeNode.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, Where("'dtype' is missing or not a string."));
        }

        var dtypeName = dtypeNode.GetString()!;
        if (!SafeTensorDType.TryParse(dtypeName, out var dtype, out var elementSize))
        {
            throw Invalid(path, Where($"unknown dtype '{dtypeName}'; this reader knows {SafeTensorDType.Known}."));
        }

        var shape = Integers(value, "shape", -1) ?? throw Invalid(path, Where("'shape' is missing or not a list of non-negative integers."));
        var offsets = Integers(value, "data_offsets", 2) ?? throw Invalid(path, Where("'data_offsets' is missing or not two non-negative integers [begin, end]."));
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end || end > dataLength)
        {
            throw Invalid(path, Where($"data_offsets [{begin}, {end}] do not lie within the {dataLength}-byte data section; the file is truncated or its header is wrong."));
        }

        long expected;
        try
        {
            expected = checked(shape.Aggregate(1L, (product, dim) => product * dim) * elementSize);
        }
        catch (OverflowException)
        {
            throw Invalid(path, Where($"the shape {TensorEntry.Format(shape)} is too large."));
        }

        if (end - begin != expected)
        {
            throw Invalid(path, Where($"shape {TensorEntry.Format(shape)} of {dtypeName} needs {expected} bytes but data_offsets [{begin}, {end}] hold {end - begin}."));
        }

        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static long[]? Integers(JsonElement value, string key, int count)
    {
        if (!value.TryGetProperty(key, out var node) || node.ValueKind != JsonValueKind.Array || (count >= 0 && node.GetArrayLength() != count))
        {
            return null;
        }

        var result = new long[node.GetArrayLength()];
        var index = 0;
        foreach (var item in node.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 0)
            {
                return null;
            }

            result[index++] = number;
        }

        return result;
    }

    /// <summary>The format requires the tensors to cover the data section exactly, without holes or overlaps.</summary>
    private static void CheckCoverage(string path, List<TensorEntry> entries, long dataLength)
    {
        long position = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != position)
            {
                var problem = entry.Begin < position ? "overlaps the tensor before it" : $"starts at byte {entry.Begin}, leaving bytes {position}–{entry.Begin} unused";
                throw Invalid(path, $"tensor '{entry.Name}' {problem}; tensors must fill the data section back to back.");
            }

            position = entry.End;
        }

        if (position != dataLength)
        {
            throw Invalid(path, $"the tensors end at byte {position} of a {dataLength}-byte data section; {dataLength - position} bytes at the end belong to no tensor.");
        }
    }
}
