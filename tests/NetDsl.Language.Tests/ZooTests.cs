using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests
{
    /// <summary>The sample zoo (samples/NetDsl.Zoo) checks clean and matches the reference parameter counts.</summary>
    public class ZooTests
    {
        /// <summary>
        /// The reference counts of samples/NetDsl.Zoo/references.json for the networks at their default arguments
        /// (the checker infers counts at the defaults only).
        /// </summary>
        private static readonly Dictionary<string, long> Reference = LoadReferences();

        [Fact]
        public void EverySampleChecksCleanWithTheReferenceCounts()
        {
            var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "samples", "NetDsl.Zoo"), "*.net.yaml")
                .Select(path => SpecParser.Parse(path, File.ReadAllText(path), "NetDsl.Zoo"))
                .ToList();
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.Empty(f.Diagnostics));
            var library = files.SelectMany(f => f.File!.Blocks).ToEquatableArray();
            var compared = new List<string>();

            foreach (var file in files.Select(f => f.File!))
            {
                var result = SpecAnalyzer.Analyze(file, library);
                Assert.Empty(result.Diagnostics);
                if (file.Network is { } network && Reference.TryGetValue(network.Name, out var parameters))
                {
                    Assert.Equal((network.Name, parameters), (network.Name, result.Network!.Parameters));
                    compared.Add(network.Name);
                }
            }

            Assert.Equal(Reference.Keys.Order(), compared.Order());
        }

        private static Dictionary<string, long> LoadReferences()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "samples", "NetDsl.Zoo", "references.json")));
            return document.RootElement.GetProperty("models").EnumerateArray()
                .Where(m => !m.GetProperty("arguments").EnumerateObject().Any() && m.GetProperty("parameters").ValueKind == JsonValueKind.Number)
                .ToDictionary(m => m.GetProperty("network").GetString()!, m => m.GetProperty("parameters").GetInt64());
        }
    }
}
