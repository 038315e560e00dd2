using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetDsl.Runtime.Data;

/// <summary>
/// What classifying an image the way a network was trained needs besides its weights: the class names, the
/// per-channel normalisation, the input the network takes and the shape of the training images before they were
/// fitted to it. Checkpoints carry it in their trainer state; safetensors files (<c>__metadata__</c>) and ONNX files
/// (<c>metadata_props</c>) carry it as the strings of <see cref="ToStrings"/>, under the keys below, each value JSON.
/// Every part is optional: a file written without it, or by another tool, leaves it null.
/// </summary>
public sealed record PredictionMetadata
{
    /// <summary>The key of <see cref="ClassNames"/>: a JSON array of strings, indexed by class.</summary>
    public const string ClassesKey = "netdsl.classes";

    /// <summary>The key of <see cref="Mean"/>: a JSON array of numbers, one per channel of <see cref="DataShape"/>.</summary>
    public const string MeanKey = "netdsl.mean";

    /// <summary>The key of <see cref="Std"/>: a JSON array of numbers, one per channel of <see cref="DataShape"/>.</summary>
    public const string StdKey = "netdsl.std";

    /// <summary>The key of <see cref="Input"/>: <c>[C, H, W]</c> as a JSON array.</summary>
    public const string InputKey = "netdsl.input";

    /// <summary>The key of <see cref="DataShape"/>: <c>[C, H, W]</c> as a JSON array.</summary>
    public const string DataShapeKey = "netdsl.data_shape";

    /// <summary>The class names, indexed by the network's output.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The per-channel mean the images were normalised with, in <c>[0, 1]</c> units.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>The per-channel standard deviation the images were normalised with, in <c>[0, 1]</c> units.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>The input <c>[C, H, W]</c> the network takes.</summary>
    public ImageShape? Input { get; init; }

    /// <summary>The shape of the training images before they were fitted to <see cref="Input"/> (grey to RGB, padding, resizing).</summary>
    public ImageShape? DataShape { get; init; }

    /// <summary>The parts that are set, as metadata strings under the keys above.</summary>
    public IReadOnlyDictionary<string, string> ToStrings()
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(strings, ClassesKey, ClassNames);
        Add(strings, MeanKey, Mean);
        Add(strings, StdKey, Std);
        Add(strings, InputKey, Input is { } input ? new[] { input.Channels, input.Height, input.Width } : null);
        Add(strings, DataShapeKey, DataShape is { } data ? new[] { data.Channels, data.Height, data.Width } : null);
        return strings;
    }

    /// <summary>Reads the keys above from <paramref name="metadata"/>; keys that are absent stay null, other keys are ignored.</summary>
    /// <param name="metadata">A file's metadata strings.</param>
    /// <param name="source">The file, for messages.</param>
    /// <exception cref="InvalidDataException">A value is not what its key holds.</exception>
    public static PredictionMetadata FromStrings(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(source);
        var classes = Read<string[]>(metadata, ClassesKey, source, "a JSON array of class names");
        if (classes is not null && (classes.Length == 0 || classes.Any(string.IsNullOrEmpty)))
        {
            throw Invalid(source, ClassesKey, metadata[ClassesKey], "a JSON array of class names, none empty");
        }

        return new PredictionMetadata
        {
            ClassNames = classes,
            Mean = Statistics(metadata, MeanKey, source, positive: false),
            Std = Statistics(metadata, StdKey, source, positive: true),
            Input = Shape(metadata, InputKey, source),
            DataShape = Shape(metadata, DataShapeKey, source),
        };
    }

    private static void Add<T>(Dictionary<string, string> strings, string key, T? value)
        where T : class
    {
        if (value is not null)
        {
            strings[key] = JsonSerializer.Serialize(value);
        }
    }

    private static float[]? Statistics(IReadOnlyDictionary<string, string> metadata, string key, string source, bool positive)
    {
        var values = Read<float[]>(metadata, key, source, "a JSON array of numbers, one per channel");
        if (values is not null && (values.Length == 0 || values.Any(v => !float.IsFinite(v) || (positive && !(v > 0)))))
        {
            throw Invalid(source, key, metadata[key], positive ? "a JSON array of positive numbers, one per channel" : "a JSON array of numbers, one per channel");
        }

        return values;
    }

    private static ImageShape? Shape(IReadOnlyDictionary<string, string> metadata, string key, string source)
    {
        var dims = Read<int[]>(metadata, key, source, "[C, H, W] as a JSON array of whole numbers");
        if (dims is null)
        {
            return null;
        }

        if (dims.Length != 3 || dims.Any(d => d < 1))
        {
            throw Invalid(source, key, metadata[key], "[C, H, W] as a JSON array of three whole numbers of 1 or more");
        }

        return new ImageShape(dims[0], dims[1], dims[2]);
    }

    private static T? Read<T>(IReadOnlyDictionary<string, string> metadata, string key, string source, string expected)
        where T : class
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text) ?? throw Invalid(source, key, text, expected);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(Invalid(source, key, text, expected).Message, e);
        }
    }

    private static InvalidDataException Invalid(string source, string key, string text, string expected) =>
        new($"{source}: the metadata '{key}' is '{text}', which is not {expected}.");
}
