using System;

namespace NetDsl.Language.Analysis;

/// <summary>
/// How a message names a place (<c>conv 'layer1.0.conv2' in block 'Bottleneck' (layer1.0, used at …)</c>), put
/// into words only when a message needs it: the walker passes thousands of places for every one it reports.
/// </summary>
internal sealed class Place
{
    private readonly Func<string>? _describe;
    private string? _text;

    public Place(Func<string> describe) => _describe = describe;

    private Place(string text) => _text = text;

    public static Place Of(string text) => new(text);

    public override string ToString() => _text ??= _describe!();
}
