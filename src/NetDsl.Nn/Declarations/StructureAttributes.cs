using System;

namespace NetDsl.Declarations;

/// <summary><c>concat:</c> — opens a concatenation; each branch starts with <see cref="BranchAttribute"/>, and <see cref="EndAttribute"/> closes it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatAttribute : Attribute
{
}

/// <summary>Starts the next branch of the enclosing <see cref="ConcatAttribute"/>; the layers after it, up to the next branch or end, are the branch.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BranchAttribute : Attribute
{
    /// <summary><c>name</c>: the branch module's name.</summary>
    public string? Name { get; set; }
}

/// <summary>Closes the innermost open <see cref="ConcatAttribute"/>, <see cref="ResidualAttribute"/> or <see cref="SeqAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EndAttribute : Attribute
{
}

/// <summary>
/// <c>residual:</c> — opens a residual unit: the layers after it are the body, up to <see cref="PreAttribute"/>,
/// <see cref="ShortcutAttribute"/> or <see cref="EndAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute : ResidualOptionsAttribute
{
}

/// <summary>In a residual: the layers after it, shared by body and shortcut, run first (<c>pre:</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PreAttribute : Attribute
{
}

/// <summary>In a residual: the layers after it are the body again (after a <see cref="PreAttribute"/> or <see cref="ShortcutAttribute"/> section).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BodyAttribute : Attribute
{
}

/// <summary>In a residual: the layers after it are a custom shortcut (<c>shortcut: [ … ]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ShortcutAttribute : Attribute
{
}

/// <summary><c>seq:</c> — opens a named sequence of single-module layers, closed by <see cref="EndAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SeqAttribute : Attribute
{
    /// <summary><c>name</c>: the sequence module's name.</summary>
    public string? Name { get; set; }
}

/// <summary>A use of a block declared in C# or in a <c>.net.yaml</c> file: <c>[Block("ReductionA", "k", 192, "l", 224, "m", 256, "n", 384)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BlockAttribute : Attribute
{
    /// <summary>The block <paramref name="block"/> with arguments given as name/value pairs.</summary>
    public BlockAttribute(string block, params object[] args)
    {
        Block = block;
        Args = args;
    }

    /// <summary>The block's name (a string: a block from a <c>.net.yaml</c> file is not a type the compiler knows yet).</summary>
    public string Block { get; }

    /// <summary>Name/value pairs: <c>"planes", 64, "stride", 2</c>.</summary>
    public object[] Args { get; }

    /// <summary><c>name</c>: the module's name.</summary>
    public string? Name { get; set; }
}

/// <summary><c>repeat: count, block: …</c>; follow it with <see cref="RepeatAtAttribute"/>s for per-index overrides.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RepeatAttribute : Attribute
{
    /// <summary><paramref name="count"/> instances of <paramref name="block"/>.</summary>
    public RepeatAttribute(object count, string block)
    {
        Count = count;
        Block = block;
    }

    /// <summary>How many instances.</summary>
    public object Count { get; }

    /// <summary>The block's name.</summary>
    public string Block { get; }

    /// <summary><c>args</c>: name/value pairs every instance gets.</summary>
    public object[]? Args { get; set; }

    /// <summary><c>name</c>: the repeat's module name (<c>layer1</c>).</summary>
    public string? Name { get; set; }
}

/// <summary><c>at: { index: { … } }</c>: arguments of one instance of the preceding <see cref="RepeatAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RepeatAtAttribute : Attribute
{
    /// <summary>Instance <paramref name="index"/> (0-based) gets <paramref name="args"/> (name/value pairs).</summary>
    public RepeatAtAttribute(int index, params object[] args)
    {
        Index = index;
        Args = args;
    }

    /// <summary>The 0-based instance.</summary>
    public int Index { get; }

    /// <summary>Name/value pairs.</summary>
    public object[] Args { get; }
}

/// <summary><c>aux: { block, … }</c>: an auxiliary classifier head of a network.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AuxAttribute : Attribute
{
    /// <summary>An auxiliary head built from <paramref name="block"/>.</summary>
    public AuxAttribute(string block) => Block = block;

    /// <summary>The head's block.</summary>
    public string Block { get; }

    /// <summary><c>args</c>: name/value pairs.</summary>
    public object[]? Args { get; set; }

    /// <summary><c>weight</c>: the auxiliary loss weight.</summary>
    public double Weight { get; set; }

    /// <summary><c>from</c>: the layer whose output the head reads.</summary>
    public string? From { get; set; }

    /// <summary><c>name</c>: the head's name.</summary>
    public string? Name { get; set; }
}
