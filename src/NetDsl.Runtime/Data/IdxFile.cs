using System;
using System.IO;
using System.IO.Compression;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Reads IDX files (the MNIST format: two zero bytes, a type byte, a rank byte, big-endian 32-bit dimensions, then
/// the values), raw or gzip-compressed. Only unsigned bytes (type <c>0x08</c>) are read, the only type MNIST-style
/// data sets use.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads the file at <paramref name="path"/> and returns its dimensions and values.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not IDX, the type is not unsigned byte, or the file is truncated.</exception>
    public static (int[] Dimensions, byte[] Values) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        }

        using var file = File.OpenRead(path);
        using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        return Read(stream, path);
    }

    /// <summary>Reads an IDX stream; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="InvalidDataException">The header is not IDX, the type is not unsigned byte, or the data is truncated.</exception>
    public static (int[] Dimensions, byte[] Values) Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[4];
        ReadFully(stream, header, name, "the 4-byte header");
        if (header[0] != 0 || header[1] != 0)
        {
            throw new InvalidDataException(
                $"'{name}' is not an IDX file: it starts with 0x{header[0]:X2}{header[1]:X2}, not 0x0000. Check that the path points at an MNIST-style file (e.g. train-images-idx3-ubyte[.gz]).");
        }

        if (header[2] != UnsignedByte)
        {
            throw new InvalidDataException($"'{name}' holds IDX type 0x{header[2]:X2}; only unsigned bytes (0x08) are supported.");
        }

        var rank = header[3];
        if (rank is 0 or > 4)
        {
            throw new InvalidDataException($"'{name}' declares {rank} dimensions; IDX image and label files have 1 to 4.");
        }

        var dimensions = new int[rank];
        Span<byte> dimension = stackalloc byte[4];
        long size = 1;
        for (var i = 0; i < rank; i++)
        {
            ReadFully(stream, dimension, name, $"dimension {i}");
            var value = (dimension[0] << 24) | (dimension[1] << 16) | (dimension[2] << 8) | dimension[3];
            if (value <= 0)
            {
                throw new InvalidDataException($"'{name}' declares dimension {i} as {value}; dimensions must be positive.");
            }

            dimensions[i] = value;
            size *= value;
        }

        if (size > Array.MaxLength)
        {
            throw new InvalidDataException($"'{name}' declares {size} values, more than one array can hold.");
        }

        var values = new byte[size];
        ReadFully(stream, values, name, $"{size} values for dimensions [{string.Join(", ", dimensions)}]");
        if (stream.ReadByte() != -1)
        {
            throw new InvalidDataException($"'{name}' has bytes after the {size} values its header declares [{string.Join(", ", dimensions)}].");
        }

        return (dimensions, values);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static void ReadFully(Stream stream, Span<byte> buffer, string name, string what)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = stream.Read(buffer[total..]);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"'{name}' is not a valid gzip file: {e.Message}", e);
            }

            if (read == 0)
            {
                throw new InvalidDataException(
                    $"'{name}' is truncated: it ended after {total} of the {buffer.Length} bytes of {what}. Download or copy the file again.");
            }

            total += read;
        }
    }
}
