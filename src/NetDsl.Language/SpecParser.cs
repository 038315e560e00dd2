using System;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Lowering;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language;

/// <summary>Parses <c>.net.yaml</c> text into the IR. Never throws: every problem is a diagnostic.</summary>
public static class SpecParser
{
    /// <summary>
    /// Parses <paramref name="text"/> (the contents of <paramref name="path"/>); <paramref name="defaultNamespace"/>
    /// applies when the file has no <c>namespace:</c>. The file is null when the document is not a mapping.
    /// </summary>
    public static ParseResult Parse(string path, string text, string defaultNamespace)
    {
        var diagnostics = new DiagnosticBag();
        try
        {
            var root = YamlReader.Read(path, text, diagnostics);
            if (root is YamlMap map)
            {
                return new ParseResult(SpecLowerer.Lower(path, map, defaultNamespace, diagnostics), diagnostics.ToArray());
            }

            if (!diagnostics.HasErrors)
            {
                var what = root switch { null => "empty", YamlList => "a list", _ => "a single value" };
                diagnostics.Add(DiagnosticDescriptors.RootNotMapping, root?.Span ?? SourceSpan.None(path), what);
            }
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, SourceSpan.None(path), e.GetType().Name + ": " + e.Message);
        }

        return new ParseResult(null, diagnostics.ToArray());
    }

    /// <summary>
    /// Lowers a spec tree built by another front end (the generator's attribute reader) exactly as a parsed
    /// file's root is lowered, so both get the same IR, defaults, names and diagnostics.
    /// </summary>
    public static ParseResult Lower(string path, YamlMap root, string defaultNamespace)
    {
        var diagnostics = new DiagnosticBag();
        try
        {
            return new ParseResult(SpecLowerer.Lower(path, root, defaultNamespace, diagnostics), diagnostics.ToArray());
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, SourceSpan.None(path), e.GetType().Name + ": " + e.Message);
            return new ParseResult(null, diagnostics.ToArray());
        }
    }
}

/// <summary>The IR of one file (null when the document is not a mapping) and what parsing reported.</summary>
public sealed record ParseResult(SpecFile? File, EquatableArray<SpecDiagnostic> Diagnostics);
