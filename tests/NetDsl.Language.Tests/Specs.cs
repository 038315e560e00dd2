using System.Linq;
using NetDsl.Language;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests
{
    /// <summary>Parses and checks inline specs the way the generator does for a one-file project.</summary>
    internal static class Specs
    {
        public const string Path = "test.net.yaml";

        public static ParseResult Parse(string yaml) => SpecParser.Parse(Path, yaml, "Tests");

        public static SpecFile File(string yaml)
        {
            var result = Parse(yaml);
            Assert.Empty(result.Diagnostics);
            return result.File!;
        }

        /// <summary>Parse diagnostics, then (when parsing succeeded) check diagnostics.</summary>
        public static SpecDiagnostic[] Diagnostics(string yaml)
        {
            var parsed = Parse(yaml);
            if (parsed.Diagnostics.Count > 0 || parsed.File is null)
            {
                return parsed.Diagnostics.ToArray();
            }

            return SpecAnalyzer.Analyze(parsed.File, parsed.File.Blocks).Diagnostics.ToArray();
        }

        public static NetworkSummary Summary(string yaml)
        {
            var file = File(yaml);
            var result = SpecAnalyzer.Analyze(file, file.Blocks);
            Assert.Empty(result.Diagnostics);
            return result.Network!;
        }

        /// <summary>Asserts exactly one diagnostic with <paramref name="id"/> at the 0-based line and column, and returns it.</summary>
        public static SpecDiagnostic Single(string yaml, string id, int line, int column)
        {
            var diagnostics = Diagnostics(yaml);
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal((line, column), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
            return diagnostic;
        }
    }
}
