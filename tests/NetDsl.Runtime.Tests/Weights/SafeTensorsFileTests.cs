using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NetDsl.Runtime.IO;
using NetDsl.Runtime.Weights;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

public class SafeTensorsFileTests
{
    [Fact]
    public void EveryDTypeRoundTripsWithItsShapeAndValues()
    {
        using var dir = new TempDirectory();
        var path = dir.File("all.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["f64"] = tensor(new[] { 1.5, -2.25 }, ScalarType.Float64),
            ["f32"] = arange(12, ScalarType.Float32).reshape(3, 4),
            ["f16"] = tensor(new[] { 0.5f, 65504f }).to_type(ScalarType.Float16),
            ["bf16"] = tensor(new[] { 1f, -3f }).to_type(ScalarType.BFloat16),
            ["i64"] = tensor(new[] { long.MinValue, long.MaxValue }),
            ["i32"] = tensor(new[] { -7, 7 }),
            ["i16"] = tensor(new short[] { -300, 300 }),
            ["i8"] = tensor(new sbyte[] { -128, 127 }),
            ["u8"] = tensor(new byte[] { 0, 255 }),
            ["bool"] = tensor(new[] { true, false, true }),
            ["scalar"] = tensor(3.0f),
            ["empty"] = zeros(0, 5),
        };

        SafeTensorsFile.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(tensors.Keys, file.Entries.Select(e => e.Name));
        Assert.Equal("pt", file.Metadata["format"]);
        foreach (var (name, expected) in tensors)
        {
            using var actual = file.Read(file.Entries.Single(e => e.Name == name));
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            Assert.True(expected.eq(actual).all().item<bool>(), name);
        }
    }

    [Fact]
    public void TheLayoutIsTheFormatsByteForByte()
    {
        using var dir = new TempDirectory();
        var path = dir.File("one.safetensors");

        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["w"] = tensor(new[] { 1f, 2f }) });

        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var checksum = Regex.Match(text, "\"netdsl.checksum\":\"(xxh3-64:[0-9a-f]{16}:[0-9a-f]{16})\"").Groups[1].Value;
        var json = "{\"__metadata__\":{\"netdsl.checksum\":\"" + checksum + "\",\"netdsl.checksum.copy\":\"" + checksum + "\"}," +
            "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        var header = json + new string(' ', (8 - (json.Length % 8)) % 8);
        Assert.EndsWith(":" + Checksum.Hex(Checksum.Of(bytes.AsSpan(bytes.Length - 8))), checksum);
        Assert.Equal((ulong)header.Length, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(header, Encoding.UTF8.GetString(bytes, 8, header.Length));
        Assert.Equal(0, (8 + header.Length) % 8);
        Assert.Equal(new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40 }, bytes[(8 + header.Length)..]);
    }

    [Fact]
    public void AFailureWhileSavingLeavesThePreviousFileWhole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.safetensors");
        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["w"] = ones(4) });
        var before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => SafeTensorsFile.Save(
            path, new Dictionary<string, Tensor> { ["w"] = zeros(1000) }, null, p => new FailingStream(File.Create(p), failAfter: 500)));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AFileShorterThanTheLengthPrefixIsRejected()
    {
        var e = OpenInvalid(new byte[] { 1, 2, 3 });

        Assert.Contains("3 bytes long, shorter than the 8-byte header length", e.Message);
    }

    [Fact]
    public void AHeaderLargerThanTheFileIsRejected()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);

        var e = OpenInvalid(bytes);

        Assert.Contains("header length 1000000 is larger than the 8 bytes that follow it", e.Message);
    }

    [Fact]
    public void AHeaderThatIsNotJsonIsRejected() =>
        Assert.Contains("the header is not valid JSON", OpenInvalid(Bytes("{\"w\": {\"dtype\": ", [])).Message);

    [Fact]
    public void AHeaderThatIsNotAnObjectIsRejected() =>
        Assert.Contains("the header is a JSON array, not an object of tensors", OpenInvalid(Bytes("[1, 2]", [])).Message);

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", "tensor 'w': unknown dtype 'F8_E4M3'; this reader knows F64, F32")]
    [InlineData("{\"w\":{\"shape\":[4],\"data_offsets\":[0,4]}}", "tensor 'w': 'dtype' is missing")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[-4],\"data_offsets\":[0,4]}}", "tensor 'w': 'shape' is missing or not a list of non-negative integers")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0]}}", "tensor 'w': 'data_offsets' is missing or not two")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "tensor 'w': shape [2] of F32 needs 8 bytes but data_offsets [0, 4] hold 4")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}", "tensor 'w': data_offsets [0, 8] do not lie within the 4-byte data section")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,4]}}", "tensor 'a' starts at byte 2, leaving bytes 0–2 unused")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]},\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,4]}}", "tensor 'b' overlaps the tensor before it")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", "the tensors end at byte 2 of a 4-byte data section")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", "the header names 'a' twice")]
    [InlineData("{\"__metadata__\":{\"epoch\":3},\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", "metadata 'epoch' is a number; metadata values are strings")]
    [InlineData("{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,4]}}", "tensor 'a': the shape [4294967296, 4294967296, 4294967296] is too large")]
    public void AMalformedHeaderIsRejectedWithTheTensorAndTheProblem(string header, string expected)
    {
        var e = OpenInvalid(Bytes(header, [1, 2, 3, 4]));

        Assert.Contains(expected, e.Message);
        Assert.Contains("is not a valid safetensors file", e.Message);
    }

    [Fact]
    public void ATruncatedFileIsRejectedWhenOpened()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.safetensors");
        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(4), ["b"] = ones(4) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^6]);

        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Open(path));

        Assert.Contains("tensor 'b': data_offsets [16, 32] do not lie within the 26-byte data section; the file is truncated", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void AMissingFileSaysWhichFile()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SafeTensorsFile.Open("/nonexistent/w.safetensors"));

        Assert.Contains("'/nonexistent/w.safetensors' does not exist", e.Message);
    }

    private static byte[] Bytes(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    private static InvalidDataException OpenInvalid(byte[] bytes)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        return Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Open(path));
    }
}
