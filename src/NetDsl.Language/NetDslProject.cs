using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Backends.CSharp;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language;

/// <summary>
/// The one entry point from source files to plans and generated code, used by the generator (step by step, for
/// its incremental pipeline) and by the <c>netdsl</c> tool (all at once), so the two can never disagree: each file
/// is parsed on its own, all their blocks form one library, and each file is analysed against it. Never throws:
/// a failure is the internal error ND0002.
/// </summary>
public static class NetDslProject
{
    /// <summary>Parses one <c>.net.yaml</c> file.</summary>
    public static ParseResult Parse(string path, string text, string defaultNamespace)
    {
        try
        {
            return SpecParser.Parse(path, text, defaultNamespace);
        }
        catch (Exception e)
        {
            return new ParseResult(null, EquatableArray.Of(Internal(path, "parse", e)));
        }
    }

    /// <summary>Every block of the parsed files, in one library.</summary>
    public static EquatableArray<BlockDef> Library(IEnumerable<ParseResult> files) =>
        files.SelectMany(f => f.File?.Blocks ?? EquatableArray<BlockDef>.Empty).ToEquatableArray();

    /// <summary>Analyses a parsed file against the library; nothing is analysed when parsing reported errors.</summary>
    public static AnalysisResult Analyze(ParseResult parsed, EquatableArray<BlockDef> library)
    {
        if (parsed.File is not { } file || parsed.Diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new AnalysisResult(parsed.Diagnostics, null);
        }

        var analysis = SpecAnalyzer.Analyze(file, library);
        return analysis with { Diagnostics = parsed.Diagnostics.Concat(analysis.Diagnostics).ToEquatableArray() };
    }

    /// <summary>Analyses a parsed file and, when it has no errors, prints its plan as C#.</summary>
    public static PipelineResult Generate(string path, ParseResult parsed, EquatableArray<BlockDef> library)
    {
        var analysis = Analyze(parsed, library);
        if (analysis.Plan is not { } plan)
        {
            return new PipelineResult(null, analysis.Diagnostics);
        }

        try
        {
            return new PipelineResult(CSharpEmitter.Emit(plan), analysis.Diagnostics);
        }
        catch (Exception e)
        {
            return new PipelineResult(null, analysis.Diagnostics.Concat(new[] { Internal(path, "emit", e) }).ToEquatableArray());
        }
    }

    /// <summary>Parses, analyses and generates one file; <paramref name="library"/> holds the other files' blocks.</summary>
    public static PipelineResult Run(string path, string text, string defaultNamespace, EquatableArray<BlockDef> library)
    {
        var parsed = Parse(path, text, defaultNamespace);
        return Generate(path, parsed, library.Concat(parsed.File?.Blocks ?? EquatableArray<BlockDef>.Empty).ToEquatableArray());
    }

    /// <summary>Analyses every file against the library of all of them, in the order given.</summary>
    public static IReadOnlyList<AnalysisResult> Check(IReadOnlyList<ParseResult> files)
    {
        var library = Library(files);
        return files.Select(f => Analyze(f, library)).ToList();
    }

    private static SpecDiagnostic Internal(string path, string step, Exception e) =>
        DiagnosticDescriptors.InternalError.Create(SourceSpan.None(path), "while trying to " + step + ": " + e.GetType().Name + ": " + e.Message);
}

/// <summary>What one spec file turns into: its C# (null when it has errors) and its diagnostics.</summary>
public sealed record PipelineResult(string? Source, EquatableArray<SpecDiagnostic> Diagnostics);
