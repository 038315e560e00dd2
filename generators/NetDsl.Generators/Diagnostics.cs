using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Language.Model;

namespace NetDsl.Generators;

/// <summary>Turns the core's diagnostics into Roslyn diagnostics at their YAML location.</summary>
internal static class Diagnostics
{
    private const string Category = "NetDsl";

    private static readonly ConcurrentDictionary<(string, Severity), DiagnosticDescriptor> Descriptors = new();

    /// <summary>One descriptor per core id (ND0001…, ND0101…, ND0201…), so ids and severities mirror the core's.</summary>
    public static DiagnosticDescriptor Descriptor(string id, Severity severity) => Descriptors.GetOrAdd((id, severity), key => new DiagnosticDescriptor(
        key.Item1,
        "NetDsl " + key.Item1,
        "{0}",
        Category,
        key.Item2 == Severity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        isEnabledByDefault: true));

    /// <summary>
    /// The Roslyn diagnostic, located in the spec file (line and column as the core computed them), or in the
    /// compilation's syntax tree of that path when there is one (a C# declaration), so that an IDE underlines it.
    /// </summary>
    public static Diagnostic Create(SpecDiagnostic diagnostic, IEnumerable<SyntaxTree> trees)
    {
        var span = diagnostic.Span;
        var start = System.Math.Max(0, span.StartOffset);
        var textSpan = new TextSpan(start, System.Math.Max(0, span.EndOffset - start));
        var tree = string.IsNullOrEmpty(span.Path) ? null : trees.FirstOrDefault(t => t.FilePath == span.Path);
        var location = tree is not null && textSpan.End <= tree.Length
            ? Location.Create(tree, textSpan)
            : string.IsNullOrEmpty(span.Path)
            ? Location.None
            : Location.Create(
                span.Path,
                textSpan,
                new LinePositionSpan(
                    new LinePosition(System.Math.Max(0, span.StartLine), System.Math.Max(0, span.StartColumn)),
                    new LinePosition(System.Math.Max(0, span.EndLine), System.Math.Max(0, span.EndColumn))));
        return Diagnostic.Create(Descriptor(diagnostic.Id, diagnostic.Severity), location, diagnostic.Message);
    }
}
