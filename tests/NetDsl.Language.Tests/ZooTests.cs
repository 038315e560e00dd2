using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests
{
    /// <summary>The sample zoo (samples/NetDsl.Zoo) checks clean and matches the reference parameter counts.</summary>
    public class ZooTests
    {
        private static readonly Dictionary<string, long> Reference = new()
        {
            ["ResNet18"] = 11_689_512,
            ["ResNet34"] = 21_797_672,
            ["ResNet50"] = 25_557_032,
            ["ResNet101"] = 44_549_160,
            ["ResNet152"] = 60_192_808,
            ["InceptionV4"] = 42_679_816,
            ["InceptionResNetV2"] = 55_843_464,
            ["GoogLeNet"] = 13_004_888,
            ["InceptionV3"] = 27_161_264,
            ["VGG16"] = 138_357_544,
            ["VGG19"] = 143_667_240,
            ["AlexNet"] = 61_100_840,
            ["LeNet5"] = 61_706,
        };

        [Fact]
        public void EverySampleChecksCleanWithTheReferenceCounts()
        {
            var files = Directory.GetFiles(Path.Combine(RepoRoot.Path, "samples", "NetDsl.Zoo"), "*.net.yaml")
                .Select(path => SpecParser.Parse(path, File.ReadAllText(path), "NetDsl.Zoo"))
                .ToList();
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.Empty(f.Diagnostics));
            var library = files.SelectMany(f => f.File!.Blocks).ToEquatableArray();

            foreach (var file in files.Select(f => f.File!))
            {
                var result = SpecChecker.Check(file, library);
                Assert.Empty(result.Diagnostics);
                if (file.Network is { } network && Reference.TryGetValue(network.Name, out var parameters))
                {
                    Assert.Equal((network.Name, parameters), (network.Name, result.Network!.Parameters));
                }
            }
        }
    }
}
