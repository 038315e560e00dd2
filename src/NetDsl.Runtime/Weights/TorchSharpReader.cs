using System;
using System.IO;
using System.Text;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// Reads the records TorchSharp's binary formats are made of (<c>Module.save</c>, <c>Optimizer.save_state_dict</c>)
/// from a region of a stream: LEB128 integers, .NET length-prefixed strings, fixed-size values, and tensors (a LEB128
/// element type, rank and dimensions, then the raw bytes). Every length is checked against the bytes left in the
/// region before it is used, so a damaged or lying file is an <see cref="InvalidDataException"/>, never an
/// allocation larger than the file. Tensor bytes are skipped, not read: callers read them later by offset.
/// </summary>
internal sealed class TorchSharpReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly long _end;
    private readonly Func<string, InvalidDataException> _invalid;

    /// <summary>Reads <paramref name="stream"/> from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    /// <param name="stream">A seekable stream.</param>
    /// <param name="start">The region's first byte.</param>
    /// <param name="end">The byte after the region.</param>
    /// <param name="invalid">Makes the exception for a problem, worded as "what is wrong".</param>
    public TorchSharpReader(Stream stream, long start, long end, Func<string, InvalidDataException> invalid)
    {
        _stream = stream;
        _end = end;
        _invalid = invalid;
        _stream.Position = start;
    }

    /// <summary>The next byte's position in the stream.</summary>
    public long Position => _stream.Position;

    /// <summary>Bytes left in the region.</summary>
    public long Remaining => _end - _stream.Position;

    /// <summary>A non-negative LEB128 integer (TorchSharp's encoding of counts, element types and dimensions).</summary>
    public long ReadLeb128(string what)
    {
        long value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte(what);
            if (shift == 63 && b > 0)
            {
                throw _invalid($"{what} is not a valid LEB128 number (more than 63 bits)");
            }

            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it: a 7-bit-encoded byte count, then UTF-8.</summary>
    public string ReadString(string what)
    {
        var length = ReadLeb128($"the length of {what}");
        if (length > int.MaxValue)
        {
            throw _invalid($"{what} has a length that is not a valid 7-bit-encoded integer");
        }

        var bytes = ReadBytes((int)length, what);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw _invalid($"{what} is not valid UTF-8");
        }
    }

    /// <summary>A boolean as <see cref="BinaryWriter.Write(bool)"/> writes it (one byte, 0 or 1).</summary>
    public bool ReadBoolean(string what) => ReadByte(what) switch
    {
        0 => false,
        1 => true,
        var other => throw _invalid($"{what} is the byte {other}, not a boolean (0 or 1)"),
    };

    /// <summary>Skips a little-endian value of <paramref name="size"/> bytes (a double, an int64).</summary>
    public void SkipFixed(int size, string what) => ReadBytes(size, what);

    /// <summary>A tensor record; its bytes are checked to be there and skipped.</summary>
    /// <param name="name">The tensor's name, for the entry and the messages.</param>
    public TensorEntry ReadTensor(string name)
    {
        var where = $"tensor '{name}'";
        var code = ReadLeb128($"the element type of {where}");
        if (code > int.MaxValue || !Enum.IsDefined((ScalarType)code) || !SafeTensorDType.TrySize((ScalarType)code, out var size))
        {
            throw _invalid($"{where} has the element type code {code}, which is not one this reader knows ({SafeTensorDType.Known})");
        }

        var rank = ReadLeb128($"the rank of {where}");
        if (rank > Remaining)
        {
            throw _invalid($"{where} claims {rank} dimensions, more than the {Remaining} bytes left");
        }

        var shape = new long[rank];
        var bytes = (long)size;
        for (var i = 0; i < rank; i++)
        {
            shape[i] = ReadLeb128($"dimension {i} of {where}");
            bytes = shape[i] == 0 || bytes == 0 ? 0 : bytes <= long.MaxValue / shape[i] ? bytes * shape[i] : long.MaxValue;
        }

        if (bytes > Remaining)
        {
            throw _invalid($"{where} of shape {TensorEntry.Format(shape)} needs {(bytes == long.MaxValue ? "more than 2^63" : bytes.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes but only {Remaining} are left; the file is truncated or damaged");
        }

        var begin = _stream.Position;
        _stream.Position = begin + bytes;
        return new TensorEntry(name, (ScalarType)code, shape, begin, begin + bytes);
    }

    private byte ReadByte(string what) => ReadBytes(1, what)[0];

    private byte[] ReadBytes(int count, string what)
    {
        if (count > Remaining)
        {
            throw _invalid($"the file ends inside {what} ({count} bytes needed, {Remaining} left); it is truncated or damaged");
        }

        var bytes = new byte[count];
        _stream.ReadExactly(bytes);
        return bytes;
    }
}
