using System;
using System.Linq;
using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// The whole pipeline for one file (parse → check → emit) as the generator runs it, without Roslyn, so it
    /// can be timed and tested on its own. Never throws: failures become ND02xx diagnostics.
    /// </summary>
    public static class NetDslPipeline
    {
        /// <summary>The emitter cannot express a construct of a spec that passed the checks.</summary>
        public const string UnsupportedId = "ND0201";

        /// <summary>An unexpected failure inside a pipeline step (a bug in NetDsl, reported instead of thrown).</summary>
        public const string InternalErrorId = "ND0202";

        /// <summary>Parses one file; an exception becomes an <see cref="InternalErrorId"/> diagnostic.</summary>
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
                var unsupported = new SpecDiagnostic(UnsupportedId, Severity.Error, e.Message, SourceSpan.None(path));
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

        private static SpecDiagnostic Internal(string path, string step, Exception e) => new(
            InternalErrorId,
            Severity.Error,
            "NetDsl failed to " + step + " this file: " + e.GetType().Name + ": " + e.Message,
            SourceSpan.None(path));

        private static EquatableArray<SpecDiagnostic> Append(EquatableArray<SpecDiagnostic> diagnostics, SpecDiagnostic extra) =>
            diagnostics.Concat(new[] { extra }).ToEquatableArray();
    }
}
