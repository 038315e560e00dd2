using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.IO.Hashing;

namespace NetDsl.Runtime.IO;

/// <summary>
/// The checksum NetDsl writes into checkpoints and weight files: XxHash3 (64-bit) from System.IO.Hashing. It
/// detects accidental damage (a flipped bit, a zeroed block, a stale copy) with a 2⁻⁶⁴ chance of a miss, at
/// memory speed, so verifying a file before loading it costs little next to reading it.
/// </summary>
internal static class Checksum
{
    /// <summary>The algorithm's name as files record it.</summary>
    public const string Algorithm = "xxh3-64";

    private const int BufferSize = 1 << 20;

    /// <summary>A new incremental hasher.</summary>
    public static XxHash3 Create() => new();

    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static ulong Of(ReadOnlySpan<byte> bytes) => XxHash3.HashToUInt64(bytes);

    /// <summary>The checksum of <paramref name="length"/> bytes of <paramref name="stream"/> from <paramref name="start"/>.</summary>
    /// <exception cref="EndOfStreamException">The stream ends before <c>start + length</c>.</exception>
    public static ulong Of(Stream stream, long start, long length)
    {
        var hasher = Create();
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(BufferSize, Math.Max(length, 1)));
        try
        {
            stream.Position = start;
            for (var left = length; left > 0;)
            {
                var chunk = (int)Math.Min(left, buffer.Length);
                stream.ReadExactly(buffer, 0, chunk);
                hasher.Append(buffer.AsSpan(0, chunk));
                left -= chunk;
            }

            return hasher.GetCurrentHashAsUInt64();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The checksum as 16 lowercase hex digits.</summary>
    public static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Parses 16 hex digits written by <see cref="Hex"/>.</summary>
    public static bool TryParseHex(string text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && text.Length == 16;
}
