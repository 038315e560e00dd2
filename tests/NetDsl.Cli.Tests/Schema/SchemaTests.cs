using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NetDsl.Cli.Schema;
using NetDsl.Language;
using Xunit;

namespace NetDsl.Cli.Tests.Schema;

/// <summary>
/// The generated JSON Schema against the parser: every spec of the repository validates, mistakes are rejected, and
/// the layer kinds and keys the schema lists are exactly those the parser accepts, context by context.
/// </summary>
public sealed class SchemaTests
{
    private static readonly JsonObject Schema = SpecSchema.Build();
    private static readonly JsonSchema Validator = JsonSchema.FromText(SpecSchema.Write());

    /// <summary>Keys a user might try that the language does not have (near misses of real ones).</summary>
    private static readonly string[] Strangers = ["stride", "padding", "kernel", "outt", "activation", "inplace", "layer", "Name", "bias_", "p2"];

    private static string RepoRoot => Repository.Root;

    /// <summary>Every spec file of the repository (build output left out), relative to its root.</summary>
    private static IReadOnlyList<string> SpecFiles { get; } = Directory.EnumerateFiles(RepoRoot, "*.net.yaml", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(RepoRoot, f))
        .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "artifacts" or ".git"))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> RepositorySpecs() => [.. SpecFiles];

    [Theory]
    [MemberData(nameof(RepositorySpecs))]
    public void Every_spec_in_the_repository_validates(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, file));

        var result = Validator.Evaluate(YamlJson.Read(text), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public void Every_repository_spec_points_its_editor_at_the_schema()
    {
        foreach (var file in SpecFiles)
        {
            var first = File.ReadLines(Path.Combine(RepoRoot, file)).First();
            var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.Combine(RepoRoot, file))!, Path.Combine(RepoRoot, "schema", "netdsl.schema.json")).Replace('\\', '/');
            Assert.True(
                first == "# yaml-language-server: $schema=" + relative || first == "# yaml-language-server: $schema=" + TemplateSchemaPath,
                $"{file} starts with '{first}', not the schema line for its folder ('# yaml-language-server: $schema={relative}').");
        }
    }

    [Theory]
    [InlineData("layers:\n  - cnov: { out: 4, k: 3 }\n", "a misspelt layer kind")]
    [InlineData("layers:\n  - conv: { outt: 4, k: 3 }\n", "a misspelt key")]
    [InlineData("layers:\n  - conv: { out: four, k: 3 }\n", "a word where a number goes")]
    [InlineData("layers:\n  - conv: { out: planes * 4, k: 3 }\n", "a parameter without its $")]
    [InlineData("layers:\n  - conv: { out: 4, k: [1, 7, 7] }\n", "a kernel of three sides")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3, pad: sme }\n", "a misspelt padding mode")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3, act: rleu }\n", "a misspelt activation")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3, bias: 1 }\n", "a number where a boolean goes")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3, eps: $e }\n", "an expression where a literal goes")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3 }\n    linear: { out: 2 }\n", "two kinds in one item")]
    [InlineData("layers:\n  - maxpool: { k: 3, pad: same }\n", "'same' for a pool")]
    [InlineData("layers:\n  - dropout: 1.5\n", "a probability above 1")]
    [InlineData("layers:\n  - concat: []\n", "a concat without branches")]
    [InlineData("layers:\n  - residual: { body: [relu], shortcut: identiy }\n", "a misspelt shortcut")]
    [InlineData("layers:\n  - residual: { body: [relu] }\n    name: unit\n", "a name beside a residual")]
    [InlineData("layers:\n  - { repeat: 2, args: { planes: 4 } }\n", "a repeat without its block")]
    [InlineData("layers:\n  - { repeat: 2, block: Unit, at: { first: { stride: 2 } } }\n", "a repeat override that is not an index")]
    [InlineData("layers:\n  - aux: { args: { classes: 10 } }\n", "an aux head without its block")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3, name: 2conv }\n", "a name that is not an identifier")]
    [InlineData("layers:\n  - conv: { out: 4, k: 3, name: class }\n", "a name that is a C# keyword")]
    [InlineData("layer:\n  - relu\n", "a misspelt top-level key")]
    [InlineData("network: Probe\ninput: [3, 32]\nlayers: [relu]\n", "an input without its width")]
    [InlineData("network: Probe\ninput: [3, 0, 32]\nlayers: [relu]\n", "a zero in the input shape")]
    [InlineData("network: Probe\ninput: [3, 32, 32]\naccepts: [3, 32..]\nlayers: [relu]\n", "accepted sizes without the width")]
    [InlineData("network: Probe\ninput: [3, 32, 32]\naccepts: [3, 32.., from 32]\nlayers: [relu]\n", "an accepted width that is no size, range or list")]
    [InlineData("network: Probe\ninput: [3, 32, 32]\nparams: { classes: integer = 10 }\nlayers: [relu]\n", "an unknown parameter type")]
    [InlineData("network: Probe\ninput: [3, 32, 32]\nparams: { name: int }\nlayers: [relu]\n", "a reserved parameter name")]
    [InlineData("namespace: My..Zoo\n", "a namespace with an empty part")]
    [InlineData("defaults:\n  conv: { name: c }\n", "a name in the defaults")]
    [InlineData("defaults:\n  dropout: { p: 0.5 }\n", "defaults for a kind that takes none")]
    [InlineData("blocks:\n  stem:\n    layers: [relu]\n", "a lower-case block name")]
    [InlineData("blocks:\n  Stem:\n    layers: [relu]\n    concat: [[relu]]\n", "a block with two bodies")]
    [InlineData("blocks:\n  Stem:\n    params: { k: int }\n", "a block without a body")]
    public void Mistakes_are_rejected_by_the_schema_as_by_the_parser(string yaml, string mistake)
    {
        var result = Validator.Evaluate(YamlJson.Read(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid, $"the schema accepts {mistake}:\n{yaml}");
        var spec = yaml.StartsWith("layers:", StringComparison.Ordinal) ? "network: Probe\ninput: [3, 32, 32]\n" + yaml : yaml;
        Assert.True(Parse(spec).Any(d => d.Severity == Language.Model.Severity.Error), $"the parser accepts {mistake}, so the schema should too:\n{spec}");
    }

    [Fact]
    public void The_layer_kinds_are_those_the_parser_knows()
    {
        var listed = LayerKinds();
        foreach (var kind in listed.Concat(["cnov", "dense", "batchnorm", "pool", "maxpool2d", "softmax", "identity"]).Distinct())
        {
            var known = !Parse(Network($"  - {kind}: {SampleValue(kind)}\n")).Any(d => d.Id == "ND0010");
            Assert.True(known == listed.Contains(kind), $"'{kind}': the parser {(known ? "knows" : "does not know")} it, the schema {(listed.Contains(kind) ? "lists" : "does not list")} it.");
        }
    }

    [Fact]
    public void Each_kind_takes_the_keys_the_parser_takes()
    {
        foreach (var kind in LayerKinds().Where(k => Definition(k + "Settings") is not null))
        {
            var settings = Keys(Definition(kind + "Settings")!);
            var extra = kind == "aux" ? "block: Head, " : string.Empty;
            Agree($"{kind} settings", settings, key => Network($"  - {kind}: {{ {extra}{key}: 1 }}\n"));
        }
    }

    [Fact]
    public void A_name_beside_the_kind_is_taken_where_the_parser_takes_it()
    {
        foreach (var kind in LayerKinds())
        {
            var named = Keys(Definition(kind + "Layer")!).Contains("name");
            var taken = !Unknown(Parse(Network($"  - {kind}: {SampleValue(kind)}\n    name: probe\n")), "name");
            Assert.True(named == taken, $"'name' beside '{kind}': the parser {(taken ? "takes" : "refuses")} it, the schema {(named ? "allows" : "refuses")} it.");
        }
    }

    [Fact]
    public void The_file_block_repeat_branch_and_defaults_keys_are_those_the_parser_takes()
    {
        Agree("the file", Keys(Schema), key => $"{key}: 1\n");
        Agree("a block", Keys(Definition("block")!), key => $"blocks:\n  Probe:\n    layers: [relu]\n    {key}: 1\n");
        Agree("a repeat", Keys(Definition("repeat")!), key => Network($"  - {{ repeat: 1, block: Probe, {key}: 1 }}\n"));
        Agree("a concat branch", Keys(Definition("branch")!), key => Network($"  - concat: [ {{ layers: [relu], {key}: 1 }} ]\n"));
        Agree("defaults", Keys(Definition("defaults")!), key => $"defaults:\n  {key}: {{}}\n");
        foreach (var kind in Keys(Definition("defaults")!))
        {
            Agree($"defaults of {kind}", Keys(Definition(kind + "Defaults")!), key => $"defaults:\n  {kind}: {{ {key}: 1 }}\n");
        }
    }

    /// <summary>Every key the schema knows anywhere, and a few strangers, are accepted in a context exactly when the schema lists them there.</summary>
    private static void Agree(string context, IReadOnlyCollection<string> listed, Func<string, string> spec)
    {
        foreach (var key in AllKeys().Concat(Strangers).Distinct())
        {
            var taken = !Unknown(Parse(spec(key)), key);
            Assert.True(taken == listed.Contains(key), $"'{key}' in {context}: the parser {(taken ? "takes" : "refuses")} it, the schema {(listed.Contains(key) ? "lists" : "does not list")} it.");
        }
    }

    private static bool Unknown(IEnumerable<Language.Model.SpecDiagnostic> diagnostics, string key) =>
        diagnostics.Any(d => d.Id == "ND0006" && d.Message.StartsWith($"unknown key '{key}'", StringComparison.Ordinal));

    private static IReadOnlyList<Language.Model.SpecDiagnostic> Parse(string text) => SpecParser.Parse("probe.net.yaml", text, "Probe").Diagnostics;

    private static string Network(string layers) => "network: Probe\ninput: [3, 32, 32]\nlayers:\n" + layers;

    /// <summary>A value the kind is built from, so a parse reaches its name and keys.</summary>
    private static string SampleValue(string kind) => kind switch
    {
        "conv" => "{ out: 1, k: 1 }",
        "maxpool" or "avgpool" => "{ k: 1 }",
        "linear" => "{ out: 1 }",
        "dropout" => "0.5",
        "adaptiveavgpool" or "adaptivemaxpool" => "1",
        "concat" => "[[relu]]",
        "seq" => "[relu]",
        "residual" => "{ body: [relu] }",
        "aux" => "{ block: Head }",
        _ => "{}",
    };

    private static HashSet<string> LayerKinds() =>
        [.. Defs().Select(d => d.Key).Where(k => k.EndsWith("Layer", StringComparison.Ordinal)).Select(k => k[..^"Layer".Length])];

    private static JsonObject? Definition(string name) => Defs()[name] as JsonObject;

    private static JsonObject Defs() => Schema["$defs"]!.AsObject();

    private static HashSet<string> Keys(JsonObject definition) => [.. definition["properties"]!.AsObject().Select(p => p.Key)];

    private static HashSet<string> AllKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["properties"] is JsonObject properties)
                    {
                        keys.UnionWith(properties.Select(p => p.Key));
                    }

                    foreach (var child in obj)
                    {
                        Visit(child.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Visit(item);
                    }

                    break;
            }
        }

        Visit(Schema);
        return keys;
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20));

    /// <summary>Where a project made from the templates finds the schema its NetDsl package ships (copied there by the build).</summary>
    private const string TemplateSchemaPath = "obj/netdsl.schema.json";
}
