using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Generators;

namespace NetDsl.Benchmarks;

/// <summary>
/// <see cref="NetDslGenerator"/> run by Roslyn's <see cref="CSharpGeneratorDriver"/> over every zoo spec: a first
/// (cold) run, a rerun with nothing changed, and a rerun after one spec's text changed (a comment added).
/// </summary>
[MemoryDiagnoser]
public class GeneratorDriverBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _fresh = null!;
    private GeneratorDriver _ran = null!;
    private AdditionalText _original = null!;
    private AdditionalText _edited = null!;

    /// <summary>Builds the driver over all zoo specs and runs it once, so the reruns start from a warm state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var texts = Zoo.AllSpecs().Select(path => (AdditionalText)new Spec(path, File.ReadAllText(path))).ToImmutableArray();
        _compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Program { } }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _fresh = CSharpGeneratorDriver.Create(
            new[] { new NetDslGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest));
        _ran = _fresh.RunGenerators(_compilation, CancellationToken.None);
        var result = _ran.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("The generator failed on the zoo: " + string.Join("; ", errors));
        }

        _original = texts.First(t => Path.GetFileName(t.Path) == "resnet18.net.yaml");
        _edited = new Spec(_original.Path, _original.GetText()!.ToString() + "\n# edited\n");
    }

    /// <summary>All zoo specs from nothing: parse, check and emit every file, then parse the generated C#.</summary>
    [Benchmark]
    public GeneratorDriver ColdRun() => _fresh.RunGenerators(_compilation, CancellationToken.None);

    /// <summary>A rerun with no input changed (what the IDE does on a keystroke in unrelated C#).</summary>
    [Benchmark]
    public GeneratorDriver RerunUnchanged() => _ran.RunGenerators(_compilation, CancellationToken.None);

    /// <summary>A rerun after resnet18.net.yaml changed.</summary>
    [Benchmark]
    public GeneratorDriver RerunOneSpecEdited() =>
        _ran.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation, CancellationToken.None);

    private sealed class Spec : AdditionalText
    {
        private readonly SourceText _text;

        public Spec(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
