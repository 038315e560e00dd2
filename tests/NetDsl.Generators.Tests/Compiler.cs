using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetDsl.Generators.Tests;

/// <summary>Compiles generated code against the real TorchSharp and NetDsl.Nn assemblies.</summary>
internal static class Compiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var ours = new[] { "TorchSharp.dll", "NetDsl.Nn.dll" }.Select(f => Path.Combine(AppContext.BaseDirectory, f));
        return platform.Concat(ours).Distinct().Where(File.Exists).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });

    public static CSharpCompilation Create(params string[] sources) => Create(sources.Select(s => Parse(string.Empty, s)));

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create(
        "Generated",
        trees,
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static SyntaxTree Parse(string path, string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path);

    /// <summary>Errors and warnings (generated code must have neither).</summary>
    public static IReadOnlyList<Diagnostic> Problems(Compilation compilation) => compilation.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();
}
