using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetDsl.Language.Vocabulary;

namespace NetDsl.Cli.Schema;

/// <summary>
/// Prints the JSON Schema (draft 2020-12) of <c>.net.yaml</c> files from the language's own tables
/// (<see cref="SpecVocabulary"/>): every key, layer kind and keyword, with descriptions for hover docs and defaults
/// for completion, so editors that read YAML through JSON Schema (VS Code's YAML extension, JetBrains IDEs) complete
/// and check specs as the parser does. What a schema cannot see — defaults that supply a layer's required keys,
/// shapes, parameter names — stays the checker's: no <c>required</c> is set for a key that <c>defaults:</c> may
/// supply, so the schema never rejects a spec the parser accepts.
/// </summary>
internal static class SpecSchema
{
    private const string Identifier = "[A-Za-z_][A-Za-z0-9_]*";

    /// <summary>Numbers, <c>$parameter</c> names, <c>+ - * /</c> and parentheses: what an expression is made of.</summary>
    private const string ExpressionPattern = @"^(?:[-+*/().0-9eE\s]|\$" + Identifier + ")+$";

    // The file is read by editors, not embedded in HTML: quotes, '+' and '→' stay as written.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The schema as indented JSON with <c>\n</c> line ends and a final newline.</summary>
    public static string Write() => Build().ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>The schema.</summary>
    public static JsonObject Build()
    {
        var defs = new JsonObject();
        foreach (var (name, definition) in ValueDefinitions())
        {
            defs[name] = definition;
        }

        foreach (var kind in SpecVocabulary.Layers)
        {
            if (kind.Settings is { } settings)
            {
                defs[kind.Name + "Settings"] = Mapping(settings, required: true);
            }

            if (kind.TakesDefaults)
            {
                defs[kind.Name + "Defaults"] = Mapping(kind.Settings!.Where(s => s.InDefaults), required: false);
            }

            defs[kind.Name + "Layer"] = LayerItem(kind);
        }

        defs["repeat"] = Mapping(SpecVocabulary.Repeat, required: true);
        defs["blockUse"] = BlockUse();
        defs["block"] = Block();
        defs["branch"] = Mapping(SpecVocabulary.Branch, required: false, requiredKeys: ["layers"]);
        defs["layer"] = Layer();

        var root = Mapping(SpecVocabulary.File, required: false);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "NetDsl network spec (.net.yaml)",
            ["description"] = "A convolutional network or a library of blocks, checked and generated into TorchSharp classes at build time. Printed by 'netdsl schema' from the language's own tables.",
        };
        foreach (var (key, value) in root.ToList())
        {
            root.Remove(key);
            schema[key] = value;
        }

        schema["$defs"] = defs;
        return schema;
    }

    private static IEnumerable<(string Name, JsonObject Schema)> ValueDefinitions()
    {
        yield return ("expressionText", new JsonObject
        {
            ["type"] = "string",
            ["pattern"] = ExpressionPattern,
            ["description"] = "An expression: numbers, $parameter, + - * / and parentheses (division is integer division).",
        });
        yield return ("integer", AnyOf(Type("integer"), Ref("expressionText")));
        yield return ("pair", AnyOf(Ref("integer"), new JsonObject { ["type"] = "array", ["items"] = Ref("integer"), ["minItems"] = 2, ["maxItems"] = 2, ["description"] = "[h, w]" }));
        yield return ("padding", AnyOf(Ref("pair"), Enum(["same", "valid"])));
        yield return ("number", Type("number"));
        yield return ("expression", AnyOf(Type("number"), Ref("expressionText")));
        yield return ("probability", AnyOf(new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 }, Ref("expressionText")));
        yield return ("boolean", Type("boolean"));
        yield return ("name", new JsonObject
        {
            ["type"] = "string",
            ["pattern"] = "^" + Identifier + "$",
            ["not"] = Enum(SpecVocabulary.Keywords.Order(StringComparer.Ordinal)),
            ["description"] = "A C# identifier that is not a keyword.",
        });
        yield return ("blockName", new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Z][A-Za-z0-9_]*$", ["description"] = "A block's name (it starts with an upper-case letter)." });
        yield return ("namespace", new JsonObject { ["type"] = "string", ["pattern"] = $"^{Identifier}(\\.{Identifier})*$" });
        yield return ("layers", new JsonObject { ["type"] = "array", ["items"] = Ref("layer") });
        yield return ("arguments", new JsonObject
        {
            ["type"] = "object",
            ["patternProperties"] = new JsonObject { ["^" + Identifier + "$"] = Ref("expression") },
            ["additionalProperties"] = false,
            ["description"] = "Arguments by parameter name.",
        });
        yield return ("overrides", new JsonObject
        {
            ["type"] = "object",
            ["patternProperties"] = new JsonObject { ["^[0-9]+$"] = Ref("arguments") },
            ["additionalProperties"] = false,
            ["description"] = "Arguments for given 0-based indices.",
        });
        yield return ("branches", new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = AnyOf(Ref("layers"), Ref("branch")) });
        yield return ("parameters", new JsonObject
        {
            ["type"] = "object",
            ["propertyNames"] = new JsonObject
            {
                ["pattern"] = "^" + Identifier + "$",
                ["not"] = Enum(SpecVocabulary.Keywords.Concat(SpecVocabulary.ReservedParameters).Order(StringComparer.Ordinal)),
            },
            ["additionalProperties"] = new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = @"^\s*(int(\s*=\s*[0-9]+)?|float(\s*=\s*([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)?)\s*$",
                ["description"] = $"The type ({string.Join(" or ", SpecVocabulary.ParameterTypes)}), and optionally a default: 'int = 4', 'float = 0.5'.",
            },
        });
        yield return ("defaults", new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(SpecVocabulary.Layers.Where(k => k.TakesDefaults).Select(k => Property(k.Name, Described(Ref(k.Name + "Defaults"), $"Settings for every {k.Name} in scope.")))),
            ["additionalProperties"] = false,
        });
        yield return ("blocks", new JsonObject
        {
            ["type"] = "object",
            ["patternProperties"] = new JsonObject { ["^[A-Z][A-Za-z0-9_]*$"] = Ref("block") },
            ["additionalProperties"] = false,
        });
        yield return ("shape", new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, ["minItems"] = 3, ["maxItems"] = 3 });
        yield return ("shapeExpression", new JsonObject { ["type"] = "array", ["items"] = Ref("integer"), ["minItems"] = 3, ["maxItems"] = 3 });
        yield return ("inputSize", AnyOf(
            new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
            new JsonObject { ["type"] = "string", ["pattern"] = @"^\s*[1-9][0-9]*\.\.([1-9][0-9]*)?\s*$", ["description"] = "A range of sizes: 32.. (from 32 up) or 32..512." },
            new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, ["minItems"] = 1, ["description"] = "A list of sizes: [224, 299]." }));
        yield return ("inputSizes", new JsonObject
        {
            ["type"] = "array",
            ["prefixItems"] = new JsonArray(new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["description"] = "The channels." }, Described(Ref("inputSize"), "The heights."), Described(Ref("inputSize"), "The widths.")),
            ["items"] = false,
            ["minItems"] = 3,
        });
        yield return ("residual", Ref("residualSettings"));
    }

    /// <summary>A list item: a bare word, a repeat, one layer kind's mapping, or a block's use.</summary>
    private static JsonObject Layer()
    {
        var bare = SpecVocabulary.Layers.Where(k => k.Bare).Select(k => (JsonNode)Described(new JsonObject { ["const"] = k.Name }, k.Description));
        var forms = new List<JsonNode>(bare)
        {
            Described(Ref("blockName"), "A block, used without arguments."),
            Ref("repeat"),
        };
        forms.AddRange(SpecVocabulary.Layers.Select(k => Ref(k.Name + "Layer")));
        forms.Add(Ref("blockUse"));
        return new JsonObject { ["anyOf"] = new JsonArray([.. forms]) };
    }

    /// <summary><c>{ conv: { … } }</c>, with <c>name:</c> beside the kind when the layer is a module.</summary>
    private static JsonObject LayerItem(LayerKindInfo kind)
    {
        var values = new List<JsonNode>();
        if (kind.Settings is not null)
        {
            values.Add(Ref(kind.Name + "Settings"));
        }

        if (kind.Shorthand is { } shorthand)
        {
            values.Add(Value(shorthand, []));
        }

        if (kind.Bare)
        {
            values.Add(Type("null"));
        }

        var properties = new JsonObject { [kind.Name] = Described(values.Count == 1 ? values[0] : AnyOf([.. values]), kind.Description) };
        if (kind.Named)
        {
            properties["name"] = Described(Ref("name"), "The module's field name and state-dict key.");
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(kind.Name),
            ["additionalProperties"] = false,
        };
    }

    /// <summary><c>{ ReductionA: { k: 192, … } }</c> or <c>{ name: reduction_a, ReductionA: { … } }</c>.</summary>
    private static JsonObject BlockUse() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["name"] = Described(Ref("name"), "The module's field name and state-dict key.") },
        ["patternProperties"] = new JsonObject
        {
            ["^[A-Z][A-Za-z0-9_]*$"] = Described(
                AnyOf(
                    new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { ["name"] = Ref("name") },
                        ["patternProperties"] = new JsonObject { [$"^(?!name$){Identifier}$"] = Ref("expression") },
                        ["additionalProperties"] = false,
                    },
                    Type("null")),
                "A block, with its arguments by parameter name."),
        },
        ["additionalProperties"] = false,
        ["minProperties"] = 1,
        ["maxProperties"] = 2,
    };

    /// <summary>A block's mapping: exactly one of its bodies.</summary>
    private static JsonObject Block()
    {
        var block = Mapping(SpecVocabulary.Block, required: false);
        block["oneOf"] = new JsonArray([.. SpecVocabulary.BlockBodies.Select(b => (JsonNode)new JsonObject { ["required"] = new JsonArray(b) })]);
        return block;
    }

    private static JsonObject Mapping(IEnumerable<SettingInfo> settings, bool required, string[]? requiredKeys = null)
    {
        var list = settings.ToList();
        var mapping = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(list.Select(s => Property(s.Key, Setting(s)))),
            ["additionalProperties"] = false,
        };
        var keys = requiredKeys ?? (required ? [.. list.Where(s => s.Required).Select(s => s.Key)] : []);
        if (keys.Length > 0)
        {
            mapping["required"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]);
        }

        return mapping;
    }

    private static JsonObject Setting(SettingInfo setting)
    {
        var schema = Described(Value(setting.Kind, setting.Choices), setting.Default is { } value ? $"{setting.Description} Default: {value}." : setting.Description);
        if (DefaultValue(setting) is { } literal)
        {
            schema["default"] = literal;
        }

        return schema;
    }

    private static JsonNode Value(ValueKind kind, IReadOnlyList<string> choices) => kind switch
    {
        ValueKind.Choice => Enum(choices),
        ValueKind.Shortcut => AnyOf(Enum(choices), Ref("layers")),
        _ => Ref(char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..]),
    };

    /// <summary>The default as a JSON value when it is one (a number, a boolean or a choice), for completion.</summary>
    private static JsonNode? DefaultValue(SettingInfo setting) => setting.Default switch
    {
        null => null,
        "true" or "false" when setting.Kind == ValueKind.Boolean => JsonValue.Create(setting.Default == "true"),
        { } text when setting.Choices.Contains(text) => JsonValue.Create(text),
        { } text when setting.Kind is ValueKind.Pair or ValueKind.Padding or ValueKind.Integer && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        { } text when setting.Kind is ValueKind.Number or ValueKind.Expression && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => null,
    };

    private static KeyValuePair<string, JsonNode?> Property(string key, JsonNode value) => new(key, value);

    private static JsonObject Described(JsonNode schema, string description)
    {
        var described = schema as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(schema) };
        described["description"] = description;
        return described;
    }

    private static JsonObject Ref(string definition) => new() { ["$ref"] = "#/$defs/" + definition };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject Enum(IEnumerable<string> values) => new() { ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static JsonObject AnyOf(params JsonNode[] schemas) => new() { ["anyOf"] = new JsonArray(schemas) };
}
