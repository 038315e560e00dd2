using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace NetDsl.Generators.Tests;

/// <summary>Runs <see cref="NetDslGenerator"/> in-process over in-memory spec files, with step tracking on.</summary>
internal static class GeneratorHarness
{
    public static string RepoRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    public static IReadOnlyList<string> SampleSpecs() =>
        Directory.GetFiles(Path.Combine(RepoRoot(), "samples", "NetDsl.Zoo"), "*.net.yaml").OrderBy(p => p, StringComparer.Ordinal).ToList();

    public static GeneratorDriver Driver(params AdditionalText[] texts) => CSharpGeneratorDriver.Create(
        new[] { new NetDslGenerator().AsSourceGenerator() },
        texts,
        new CSharpParseOptions(LanguageVersion.Latest),
        new Options(),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static CSharpCompilation EmptyCompilation() => Compiler.Create("namespace Consumer { internal static class Program { } }");

    public static GeneratorDriverRunResult Run(params AdditionalText[] texts)
    {
        var driver = Driver(texts).RunGenerators(EmptyCompilation(), CancellationToken.None);
        return driver.GetRunResult();
    }

    /// <summary>Runs over C# sources (path, code) that declare with attributes, beside <paramref name="texts"/>.</summary>
    public static GeneratorDriverRunResult Run((string Path, string Code)[] sources, params AdditionalText[] texts) =>
        Driver(texts).RunGenerators(Compilation(sources), CancellationToken.None).GetRunResult();

    public static CSharpCompilation Compilation(params (string Path, string Code)[] sources) =>
        Compiler.Create(sources.Select(s => Compiler.Parse(s.Path, s.Code)).Prepend(EmptyCompilation().SyntaxTrees.Single()));

    public sealed class Spec : AdditionalText
    {
        private readonly string _text;

        public Spec(string path, string text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(_text);
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Global();

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Global.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Global.Empty;

        private sealed class Global : AnalyzerConfigOptions
        {
            public static readonly Global Empty = new(ImmutableDictionary<string, string>.Empty);

            private readonly ImmutableDictionary<string, string> _values;

            public Global()
                : this(ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", "Consumer"))
            {
            }

            private Global(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
