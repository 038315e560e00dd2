using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Declarations;
using NetDsl.Generators;
using NetDsl.Language;

namespace NetDsl.Cli.Specs;

/// <summary>
/// Blocks and networks declared with C# attributes in <c>.cs</c> files: the files are compiled together against
/// NetDsl.Nn (where the attributes live) and read by the generator's own attribute reader.
/// </summary>
internal static class CSharpDeclarations
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        return platform.Append(typeof(NetBlockAttribute).Assembly.Location)
            .Where(p => p.Length > 0 && File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    });

    /// <summary>One parse result per declaring class of <paramref name="files"/>; errors in the rest of the C# do not matter.</summary>
    public static IReadOnlyList<ParseResult> Read(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            return [];
        }

        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f));
        var compilation = CSharpCompilation.Create("NetDslDeclarations", trees, References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return DeclaredSpecs.Read(compilation);
    }
}
