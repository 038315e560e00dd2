using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Vocabulary;

/// <summary>What a key of a <c>.net.yaml</c> file takes (how its value is read).</summary>
public enum ValueKind
{
    /// <summary>An integer or an integer expression (<c>$planes * 4</c>).</summary>
    Integer,

    /// <summary>An integer expression, or <c>[h, w]</c> of two.</summary>
    Pair,

    /// <summary>A <see cref="Pair"/>, <c>same</c> or <c>valid</c>.</summary>
    Padding,

    /// <summary>A number literal (a constant of the generated code, such as a batch norm's eps).</summary>
    Number,

    /// <summary>A number or an expression over parameters, integer or not (<c>$scale</c>).</summary>
    Expression,

    /// <summary>An <see cref="Expression"/> whose literal value lies between 0 and 1.</summary>
    Probability,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>One of <see cref="SettingInfo.Choices"/>.</summary>
    Choice,

    /// <summary>A C# identifier that is not a keyword: a field, parameter or class name.</summary>
    Name,

    /// <summary>A block's name: an identifier starting with an upper-case letter.</summary>
    BlockName,

    /// <summary>A dotted C# namespace.</summary>
    Namespace,

    /// <summary>A list of layers.</summary>
    Layers,

    /// <summary>One of <see cref="SettingInfo.Choices"/>, or a list of layers.</summary>
    Shortcut,

    /// <summary>A block's arguments: parameter name → <see cref="Expression"/>.</summary>
    Arguments,

    /// <summary>A repeat's per-index arguments: 0-based index → <see cref="Arguments"/>.</summary>
    Overrides,

    /// <summary>A concat's branches: each a list of layers, or <c>{ name, layers }</c>.</summary>
    Branches,

    /// <summary>Parameter declarations: name → <c>int</c>, <c>float</c>, <c>int = 4</c> or <c>float = 0.5</c>.</summary>
    Parameters,

    /// <summary>Settings for every layer of a kind: kind → its settings.</summary>
    Defaults,

    /// <summary>The settings of a <c>residual</c> layer (a block whose body is a residual unit).</summary>
    Residual,

    /// <summary>Block declarations: block name → block body.</summary>
    Blocks,

    /// <summary><c>[C, H, W]</c> of positive integer literals.</summary>
    Shape,

    /// <summary><c>[C, H, W]</c> of integer expressions.</summary>
    ShapeExpression,

    /// <summary><c>[C, H, W]</c> of accepted input sizes: H and W each a size, a range (<c>32..</c>, <c>32..512</c>) or a list of sizes.</summary>
    InputSizes,
}

/// <summary>One key of a mapping in a <c>.net.yaml</c> file: what it takes and what it means.</summary>
public sealed class SettingInfo
{
    /// <summary>A setting; <paramref name="choices"/> for <see cref="ValueKind.Choice"/> and <see cref="ValueKind.Shortcut"/>.</summary>
    public SettingInfo(string key, ValueKind kind, string description, string? defaultValue = null, IEnumerable<string>? choices = null, bool required = false, bool inDefaults = true)
    {
        Key = key;
        Kind = kind;
        Description = description;
        Default = defaultValue;
        Choices = choices?.ToArray() ?? new string[0];
        Required = required;
        InDefaults = inDefaults;
    }

    /// <summary>The key as written.</summary>
    public string Key { get; }

    /// <summary>What the value may be.</summary>
    public ValueKind Kind { get; }

    /// <summary>One or two sentences for hover docs and reference pages.</summary>
    public string Description { get; }

    /// <summary>The value when the key is left out, as a user would write it; null when there is none to state.</summary>
    public string? Default { get; }

    /// <summary>The keywords a choice accepts, in the order the docs list them.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The layer cannot be built without it, and no <c>defaults:</c> entry can supply it.</summary>
    public bool Required { get; }

    /// <summary>Whether a <c>defaults:</c> entry for the kind may set it (layer names may not be defaulted).</summary>
    public bool InDefaults { get; }
}
