using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetDsl.Zoo.Tests;

/// <summary>
/// samples/NetDsl.Zoo/references.json: the reference parameter and state-dict tensor counts of the zoo's
/// models, the one source that these tests and scripts/zoo-docs.sh (docs/zoo.md) read.
/// </summary>
internal static class ZooReferences
{
    private static readonly Lazy<IReadOnlyDictionary<string, ZooReference>> All = new(Load);

    /// <summary>Every model of the file, by key.</summary>
    public static IReadOnlyDictionary<string, ZooReference> Models => All.Value;

    private static IReadOnlyDictionary<string, ZooReference> Load()
    {
        var path = RepositoryFile(Path.Combine("samples", "NetDsl.Zoo", "references.json"));
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var models = new Dictionary<string, ZooReference>(StringComparer.Ordinal);
        foreach (var model in document.RootElement.GetProperty("models").EnumerateArray())
        {
            var key = model.GetProperty("key").GetString()!;
            var arguments = model.GetProperty("arguments").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetInt32());
            var reference = new ZooReference(
                model.GetProperty("network").GetString()!,
                arguments,
                Optional(model.GetProperty("parameters")),
                Optional(model.GetProperty("tensors")));
            if (!models.TryAdd(key, reference))
            {
                throw new InvalidDataException($"{path}: the model key '{key}' appears twice; keys must be unique.");
            }
        }

        return models;
    }

    private static long? Optional(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();

    /// <summary>The path of <paramref name="relative"/> in the checkout the tests run from.</summary>
    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relative}' was not found above '{AppContext.BaseDirectory}'; run the tests from a checkout of the repository.");
    }
}

/// <summary>A zoo network at given constructor arguments and its reference counts (null: no reference exists).</summary>
internal sealed record ZooReference(string Network, IReadOnlyDictionary<string, int> Arguments, long? Parameters, long? Tensors);
