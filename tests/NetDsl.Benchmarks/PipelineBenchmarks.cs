using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using NetDsl.Language;
using NetDsl.Language.Analysis;
using NetDsl.Language.Backends.CSharp;
using NetDsl.Language.Model;

namespace NetDsl.Benchmarks;

/// <summary>
/// The generator's steps for one spec, without Roslyn: parse, check (analysis: the plan and its instances),
/// emit, and all three as <see cref="NetDslProject.Run"/> does them. The block library is resnet_blocks.net.yaml, as in the zoo.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private string _path = "";
    private string _text = "";
    private EquatableArray<BlockDef> _library;
    private EquatableArray<BlockDef> _libraryWithOwnBlocks;
    private SpecFile _file = null!;
    private AnalysisResult _checked = null!;

    /// <summary>The zoo spec, without .net.yaml.</summary>
    [Params("inception_v4", "resnet152")]
    public string Spec { get; set; } = "";

    /// <summary>Reads the spec and prepares each step's input from the steps before it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Zoo.PathOf(Spec);
        _text = File.ReadAllText(_path);
        var blocksPath = Zoo.PathOf("resnet_blocks");
        _library = Parsed(blocksPath, File.ReadAllText(blocksPath)).Blocks;
        _file = Parsed(_path, _text);
        _libraryWithOwnBlocks = _library.Concat(_file.Blocks).ToEquatableArray();
        _checked = SpecAnalyzer.Analyze(_file, _libraryWithOwnBlocks);
        if (_checked.Diagnostics.Any(d => d.Severity == Severity.Error) || _checked.Plan is null)
            throw new InvalidOperationException(Spec + " does not check: " + string.Join("; ", _checked.Diagnostics.Select(d => d.Message)));
    }

    /// <summary>YAML text to the IR.</summary>
    [Benchmark]
    public ParseResult Parse() => SpecParser.Parse(_path, _text, Zoo.Namespace);

    /// <summary>Lowering checks and shape inference of the whole network.</summary>
    [Benchmark]
    public AnalysisResult Check() => SpecAnalyzer.Analyze(_file, _libraryWithOwnBlocks);

    /// <summary>C# text from the plan.</summary>
    [Benchmark]
    public string Emit() => CSharpEmitter.Emit(_checked.Plan!);

    /// <summary>Parse, check and emit, as the generator runs them for one file.</summary>
    [Benchmark]
    public PipelineResult ParseCheckEmit() => NetDslProject.Run(_path, _text, Zoo.Namespace, _library);

    private static SpecFile Parsed(string path, string text)
    {
        var parsed = SpecParser.Parse(path, text, Zoo.Namespace);
        return parsed.File ?? throw new InvalidOperationException(path + " does not parse: " + string.Join("; ", parsed.Diagnostics.Select(d => d.Message)));
    }
}
