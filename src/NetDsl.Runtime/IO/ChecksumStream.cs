using System;
using System.IO;
using System.IO.Hashing;

namespace NetDsl.Runtime.IO;

/// <summary>
/// A write-only pass-through that hashes and counts what goes through it, so a writer learns a section's length
/// and checksum without buffering it or reading it back.
/// </summary>
internal sealed class ChecksumStream(Stream inner) : Stream
{
    private XxHash3 _hasher = Checksum.Create();

    /// <summary>Bytes written since the last <see cref="Restart"/>.</summary>
    public long Written { get; private set; }

    /// <summary>The checksum of the bytes written since the last <see cref="Restart"/>.</summary>
    public ulong Current => _hasher.GetCurrentHashAsUInt64();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Starts a new section: the count and the checksum start over.</summary>
    public void Restart()
    {
        _hasher = Checksum.Create();
        Written = 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _hasher.Append(buffer);
        Written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
