using System;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// The whole pipeline for one file (parse → check → emit) as the generator runs it, without Roslyn, so it
    /// can be timed and tested on its own. Never throws: a construct the emitter cannot express is ND0201, any
    /// other failure the internal error ND0002.
    /// </summary>
    public static class NetDslPipeline
    {
        /// <summary>Parses one file; an exception becomes an internal-error diagnostic.</summary>
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

        /// <summary>Checks a parsed file against the project's blocks and emits it when it has no errors.</summary>
        public static PipelineResult CheckAndEmit(string path, ParseResult parsed, EquatableArray<BlockDef> library)
        {
            if (parsed.File is not { } file || parsed.Diagnostics.Any(d => d.Severity == Severity.Error))
            {
                return new PipelineResult(null, parsed.Diagnostics);
            }

            CheckResult checkResult;
            try
            {
                checkResult = SpecChecker.Check(file, library);
            }
            catch (Exception e)
            {
                return new PipelineResult(null, Append(parsed.Diagnostics, Internal(path, "check", e)));
            }

            var diagnostics = parsed.Diagnostics.Concat(checkResult.Diagnostics).ToEquatableArray();
            if (diagnostics.Any(d => d.Severity == Severity.Error))
            {
                return new PipelineResult(null, diagnostics);
            }

            try
            {
                return new PipelineResult(SpecEmitter.Emit(file, library, checkResult.Network), diagnostics);
            }
            catch (EmitException e)
            {
                var unsupported = DiagnosticDescriptors.NotGeneratable.Create(e.Span ?? SourceSpan.None(path), e.Message);
                return new PipelineResult(null, Append(diagnostics, unsupported));
            }
            catch (Exception e)
            {
                return new PipelineResult(null, Append(diagnostics, Internal(path, "emit", e)));
            }
        }

        /// <summary>
        /// Parse, check and emit one file. <paramref name="library"/> holds the blocks of the other files of the
        /// project; this file's own blocks are added to it.
        /// </summary>
        public static PipelineResult Run(string path, string text, string defaultNamespace, EquatableArray<BlockDef> library)
        {
            var parsed = Parse(path, text, defaultNamespace);
            var blocks = parsed.File is { } file ? library.Concat(file.Blocks).ToEquatableArray() : library;
            return CheckAndEmit(path, parsed, blocks);
        }

        private static SpecDiagnostic Internal(string path, string step, Exception e) =>
            DiagnosticDescriptors.InternalError.Create(SourceSpan.None(path), "while trying to " + step + ": " + e.GetType().Name + ": " + e.Message);

        private static EquatableArray<SpecDiagnostic> Append(EquatableArray<SpecDiagnostic> diagnostics, SpecDiagnostic extra) =>
            diagnostics.Concat(new[] { extra }).ToEquatableArray();
    }
}
