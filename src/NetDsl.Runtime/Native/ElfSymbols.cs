using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NetDsl.Runtime.Native;

/// <summary>
/// The dynamic symbols of a little-endian ELF64 shared library (its <c>.dynsym</c>, <c>.dynstr</c> and
/// <c>.gnu.version</c> sections), read without loading it: what the TorchSharp shim imports from libtorch and
/// what a libtorch exports, so a mismatch is found before the dynamic loader binds a missing function lazily
/// and ends the process in the middle of a run.
/// </summary>
public static class ElfSymbols
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const int SymbolSize = 24;
    private const int StbGlobal = 1;

    /// <summary>
    /// The functions and objects <paramref name="library"/> needs from other libraries without a symbol version:
    /// the C++ names it takes from libtorch and c10. The C and C++ runtimes version theirs (<c>GLIBC_2.2.5</c>,
    /// <c>GLIBCXX_3.4</c>), and weak references need nothing, so both are left out.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 library with a dynamic symbol table.</exception>
    public static IReadOnlySet<string> UnversionedImports(string library)
    {
        var imports = new HashSet<string>(StringComparer.Ordinal);
        Read(library, (name, binding, defined, version) =>
        {
            if (!defined && binding == StbGlobal && version <= 1)
            {
                imports.Add(name);
            }
        });
        return imports;
    }

    /// <summary>The global and weak symbols <paramref name="library"/> defines, without their version suffix.</summary>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 library with a dynamic symbol table.</exception>
    public static IReadOnlySet<string> Exports(string library)
    {
        var exports = new HashSet<string>(StringComparer.Ordinal);
        Read(library, (name, binding, defined, _) =>
        {
            if (defined && binding != 0)
            {
                exports.Add(name);
            }
        });
        return exports;
    }

    private static void Read(string path, Action<string, int, bool, int> visit)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        var header = ReadAt(handle, 0, Math.Min(64, length), length, path, "ELF header");
        if (header.Length < 64 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F' || header[4] != 2 || header[5] != 1)
        {
            throw Invalid(path, "is not a little-endian ELF64 file");
        }

        var tableOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(0x28));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3a));
        var entryCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3c));
        if (entrySize != 64)
        {
            throw Invalid(path, $"has section headers of {entrySize} bytes, not 64");
        }

        var sections = ReadAt(handle, tableOffset, 64L * entryCount, length, path, "section header table");
        byte[]? symbols = null, strings = null, versions = null;
        for (var i = 0; i < entryCount; i++)
        {
            var entry = sections.AsSpan(i * 64, 64);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            if (type == ShtDynsym)
            {
                symbols = Section(handle, entry, length, path, "dynamic symbol table");
                var link = BinaryPrimitives.ReadUInt32LittleEndian(entry[0x28..]);
                if (link >= entryCount)
                {
                    throw Invalid(path, $"links its dynamic symbol table to missing section {link}");
                }

                strings = Section(handle, sections.AsSpan((int)link * 64, 64), length, path, "dynamic string table");
            }
            else if (type == ShtGnuVersym)
            {
                versions = Section(handle, entry, length, path, "symbol version table");
            }
        }

        if (symbols is null || strings is null)
        {
            throw Invalid(path, "has no dynamic symbol table (.dynsym)");
        }

        // Entry 0 is the null symbol.
        for (var i = 1; i < symbols.Length / SymbolSize; i++)
        {
            var symbol = symbols.AsSpan(i * SymbolSize, SymbolSize);
            var name = Name(strings, BinaryPrimitives.ReadUInt32LittleEndian(symbol), path);
            if (name.Length == 0)
            {
                continue;
            }

            var binding = symbol[4] >> 4;
            var defined = BinaryPrimitives.ReadUInt16LittleEndian(symbol[6..]) != 0;
            var version = versions is not null && (i * 2) + 2 <= versions.Length
                ? BinaryPrimitives.ReadUInt16LittleEndian(versions.AsSpan(i * 2)) & 0x7fff
                : 1;
            visit(name, binding, defined, version);
        }
    }

    private static byte[] Section(SafeFileHandle handle, ReadOnlySpan<byte> entry, long length, string path, string what) =>
        ReadAt(handle, (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[0x18..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[0x20..]), length, path, what);

    private static byte[] ReadAt(SafeFileHandle handle, long offset, long size, long length, string path, string what)
    {
        if (offset < 0 || size < 0 || size > int.MaxValue || offset + size > length)
        {
            throw Invalid(path, $"has its {what} outside the file (offset 0x{offset:x}, {size} bytes)");
        }

        var bytes = new byte[size];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), offset + read);
            if (n == 0)
            {
                throw Invalid(path, $"ends inside its {what}");
            }

            read += n;
        }

        return bytes;
    }

    private static string Name(byte[] strings, uint index, string path)
    {
        if (index >= strings.Length)
        {
            throw Invalid(path, $"names a symbol outside its string table (index {index})");
        }

        var end = Array.IndexOf(strings, (byte)0, (int)index);
        if (end < 0)
        {
            throw Invalid(path, "has an unterminated symbol name");
        }

        return Encoding.ASCII.GetString(strings, (int)index, end - (int)index);
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"{path} {problem}; it is not a shared library TorchSharp can use.");
}
