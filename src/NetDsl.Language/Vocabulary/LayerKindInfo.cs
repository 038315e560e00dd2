using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Vocabulary;

/// <summary>A layer kind (<c>conv</c>, <c>maxpool</c>, <c>concat</c>, …): the forms it may be written in and its settings.</summary>
public sealed class LayerKindInfo
{
    /// <summary>A layer kind.</summary>
    /// <param name="name">The kind as written (<c>conv</c>).</param>
    /// <param name="description">What the layer does.</param>
    /// <param name="settings">The keys of its mapping form (<c>conv: { out: 64 }</c>); null when it has none.</param>
    /// <param name="shorthand">What its value may be instead of a mapping (<c>dropout: 0.2</c>, <c>seq: [ … ]</c>); null when only a mapping.</param>
    /// <param name="takesDefaults">Whether <c>defaults:</c> may hold settings for it.</param>
    /// <param name="named">Whether it is a module that takes a <c>name:</c> beside its kind key.</param>
    public LayerKindInfo(string name, string description, IEnumerable<SettingInfo>? settings, ValueKind? shorthand = null, bool takesDefaults = false, bool named = true)
    {
        Name = name;
        Description = description;
        Settings = settings?.ToArray();
        Shorthand = shorthand;
        TakesDefaults = takesDefaults;
        Named = named;
        Keys = Settings?.Select(s => s.Key).ToArray() ?? new string[0];
    }

    /// <summary>The kind as written.</summary>
    public string Name { get; }

    /// <summary>What the layer does, in a sentence or two.</summary>
    public string Description { get; }

    /// <summary>The keys of the mapping form, in the order the docs list them; null when the kind has no mapping form.</summary>
    public IReadOnlyList<SettingInfo>? Settings { get; }

    /// <summary>The keys of <see cref="Settings"/>.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>What the value may be instead of a mapping; null when only a mapping (or nothing) is accepted.</summary>
    public ValueKind? Shorthand { get; }

    /// <summary>Whether <c>defaults:</c> may hold settings for the kind.</summary>
    public bool TakesDefaults { get; }

    /// <summary>Whether the layer may be named beside its kind key (<c>{ name: features, seq: [ … ] }</c>).</summary>
    public bool Named { get; }

    /// <summary>
    /// Whether the kind may be written as a bare word (<c>- relu</c>) or with an empty value: it has a mapping form
    /// and none of its settings is <see cref="SettingInfo.Required"/>.
    /// </summary>
    public bool Bare => Settings is not null && !Settings.Any(s => s.Required);
}
