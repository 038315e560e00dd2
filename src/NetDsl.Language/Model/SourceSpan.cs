namespace NetDsl.Language.Model;

/// <summary>
/// Where something was written: the spec's path, 0-based character offsets and 0-based lines and columns
/// (Roslyn's convention; <c>dotnet build</c> prints them 1-based). Plain data so models stay equatable.
/// </summary>
public readonly record struct SourceSpan(
    string Path,
    int StartOffset,
    int EndOffset,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn)
{
    /// <summary>A span for things that have no written location.</summary>
    public static SourceSpan None(string path) => new(path, 0, 0, 0, 0, 0, 0);

    /// <summary><c>path(line,col)</c>, 1-based, as compilers print it.</summary>
    public override string ToString() => $"{Path}({StartLine + 1},{StartColumn + 1})";
}
