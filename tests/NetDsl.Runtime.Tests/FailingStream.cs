using System;
using System.IO;

namespace NetDsl.Runtime.Tests;

/// <summary>A write-only stream that throws once more than <c>failAfter</c> bytes would be written: a full disk.</summary>
internal sealed class FailingStream(Stream inner, long failAfter) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (inner.Position + count > failAfter)
        {
            throw new IOException("Injected failure: disk full.");
        }

        inner.Write(buffer, offset, count);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
