using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// A safetensors file (the format Hugging Face's safetensors library defines: an 8-byte little-endian header
/// length, a JSON header naming each tensor's dtype, shape and byte range, then the bytes). Opening it reads and
/// checks the whole header against the file's length, so a truncated or malformed file fails before any tensor is
/// read; tensors are then read one at a time, straight into libtorch's memory.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    /// <summary>The largest header accepted (the reference implementation's limit), so a corrupt length cannot ask for gigabytes.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private readonly FileStream _stream;
    private readonly long _dataStart;

    private SafeTensorsFile(string path, FileStream stream, long dataStart, IReadOnlyList<SafeTensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _stream = stream;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The tensors in the order the header lists them.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    /// <summary>The header's <c>__metadata__</c> (string to string), empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and checks <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
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
            var (entries, metadata, dataStart) = ReadHeader(path, stream);
            return new SafeTensorsFile(path, stream, dataStart, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads one tensor into a new CPU tensor.</summary>
    public Tensor Read(SafeTensorEntry entry)
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

        var header = Header(list, metadata);
        IO.AtomicFile.Write(path, stream =>
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

    private static byte[] Header(List<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                var size = tensor.numel() * tensor.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorDType.NameOf(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var dim in tensor.shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }

            json.WriteEndObject();
        }

        // The data section starts 8-byte aligned; the format allows trailing spaces in the header for that.
        var padding = (int)((8 - (buffer.Length % 8)) % 8);
        buffer.Write(Enumerable.Repeat((byte)' ', padding).ToArray());
        return buffer.ToArray();
    }

    private static (List<SafeTensorEntry>, Dictionary<string, string>, long) ReadHeader(string path, FileStream stream)
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

            var entries = new List<SafeTensorEntry>();
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
            return (entries, metadata, 8 + (long)headerLength);
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

    private static SafeTensorEntry ReadEntry(string path, string name, JsonElement value, long dataLength)
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
            throw Invalid(path, Where($"the shape {SafeTensorEntry.Format(shape)} is too large."));
        }

        if (end - begin != expected)
        {
            throw Invalid(path, Where($"shape {SafeTensorEntry.Format(shape)} of {dtypeName} needs {expected} bytes but data_offsets [{begin}, {end}] hold {end - begin}."));
        }

        return new SafeTensorEntry(name, dtype, shape, begin, end);
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
    private static void CheckCoverage(string path, List<SafeTensorEntry> entries, long dataLength)
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
