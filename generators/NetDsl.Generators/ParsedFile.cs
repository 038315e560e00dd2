using NetDsl.Language;

namespace NetDsl.Generators;

/// <summary>One spec file or one attribute declaration, parsed: what it generates is named <see cref="HintName"/>.</summary>
internal sealed record ParsedFile(string HintName, string Path, ParseResult Parsed);
