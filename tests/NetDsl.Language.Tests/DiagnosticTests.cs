using System.Linq;
using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests
{
    /// <summary>Every diagnostic: a spec that triggers it, its id, 0-based line and column, and what its message shows.</summary>
    public class DiagnosticTests
    {
        private const string Net = "network: N\ninput: [3, 32, 32]\n";
        private const string AuxHead = "blocks:\n  Head: { params: { classes: int }, layers: [ globalavgpool, flatten, { linear: { out: $classes } } ] }\n";

        [Theory]
        [InlineData("ND0001", "network: N\ninput: [3, 32\n", 2, 0, "YAML syntax error")]
        [InlineData("ND0001", Net + "layers: [ re\nlu ]\n", 2, 8, "YAML syntax error")]
        [InlineData("ND0003", "layers: " + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 0, 71, "64 levels")]
        [InlineData("ND0004", "defaults: &d { conv: { k: 3 } }\n", 0, 10, "&d")]
        [InlineData("ND0004", "a: 1\nb: *x\n", 1, 3, "*x")]
        [InlineData("ND0005", "- conv\n- relu\n", 0, 0, "a list")]
        [InlineData("ND0005", "just text\n", 0, 0, "a single value")]
        [InlineData("ND0005", "", 0, 0, "empty")]
        [InlineData("ND0006", Net + "layers:\n  - conv: { out: 8, k: 3, grops: 2 }\n", 3, 26, "did you mean 'groups'")]
        [InlineData("ND0006", Net + "layers: [relu]\nlayr: 1\n", 3, 0, "did you mean 'layers'")]
        [InlineData("ND0006", "defaults:\n  conv: { nrom: batch }\n", 1, 10, "did you mean 'norm'")]
        [InlineData("ND0006", "defaults:\n  cnov: { norm: batch }\n", 1, 2, "did you mean 'conv'")]
        [InlineData("ND0007", Net + "layers:\n  - conv: { k: 3 }\n", 3, 10, "requires 'out'")]
        [InlineData("ND0008", Net + "layers:\n  - conv: { out: 8, k: 3, bias: maybe }\n", 3, 32, "true or false")]
        [InlineData("ND0008", Net + "layers:\n  - conv: { out: 8, k: 3, act: rleu }\n", 3, 31, "one of relu")]
        [InlineData("ND0009", Net + "network: M\n", 2, 0, "'network'")]
        [InlineData("ND0010", Net + "layers:\n  - covn: { out: 8, k: 3 }\n", 3, 4, "did you mean 'conv'")]
        [InlineData("ND0010", Net + "layers:\n  - rleu\n", 3, 4, "did you mean 'relu'")]
        [InlineData("ND0011", Net + "layers:\n  - conv: { out: 8, k: 3, name: a }\n    name: b\n", 4, 10, "'a'")]
        [InlineData("ND0012", Net + "layers:\n  - conv: { out: 8 *, k: 3 }\n", 3, 17, "invalid expression '8 *'")]
        [InlineData("ND0013", Net + "params: { planes: int = 4 }\nlayers:\n  - conv: { out: $plane * 2, k: 3 }\n", 4, 17, "did you mean 'planes'")]
        [InlineData("ND0014", Net + "layers:\n  - conv: { out: 8, k: 3.5 }\n", 3, 23, "'k' must be an integer")]
        [InlineData("ND0014", Net + "blocks:\n  B: { params: { n: int = 1 }, layers: [ relu ] }\nlayers:\n  - B: { n: 1.5 }\n", 5, 12, "'B.n' must be an integer, but '1.5' is a float")]
        [InlineData("ND0027", "network: N\ninput: [4096, 1000, 1000]\nlayers: [ flatten ]\n", 2, 10, "4096000000 features")]
        [InlineData("ND0015", Net + "params: { classes: long = 3 }\nlayers: [relu]\n", 2, 19, "expected 'int'")]
        [InlineData("ND0015", Net + "params: { inChannels: int = 3 }\nlayers: [relu]\n", 2, 10, "reserved")]
        [InlineData("ND0016", Net + "layers:\n  - conv: { out: 8, k: 4, pad: same }\n", 3, 4, "odd effective kernel")]
        [InlineData("ND0017", Net + "layers:\n  - conv: { out: 8, k: 3, name: stem }\n  - conv: { out: 8, k: 3, name: stem }\n", 4, 4, "'stem'")]
        [InlineData("ND0018", Net + "layers:\n  - conv: { out: 8, k: 3, name: class }\n", 3, 32, "keyword")]
        [InlineData("ND0018", Net + "layers:\n  - conv: { out: 8, k: 3, name: 1st }\n", 3, 32, "not a valid C# identifier")]
        [InlineData("ND0018", Net + "params: { out: int = 8 }\nlayers:\n  - conv: { out: $out, k: 3 }\n", 2, 10, "keyword")]
        [InlineData("ND0019", "network: N\nlayers: [relu]\n", 0, 9, "'input")]
        [InlineData("ND0020", Net + "layers:\n  - { conv: { out: 8, k: 3 }, relu: {} }\n", 3, 4, "'conv', 'relu'")]
        [InlineData("ND0021", Net + "blocks:\n  B:\n    params: { a: int = 1 }\nlayers: [relu]\n", 3, 2, "has none")]
        [InlineData("ND0022", Net + "blocks:\n  Stem: { layers: [relu] }\nlayers:\n  - Stme\n", 5, 4, "did you mean 'Stem'")]
        [InlineData("ND0023", "blocks:\n  A: { layers: [ A ] }\n", 1, 17, "A → A")]
        [InlineData("ND0024", Net + "blocks:\n  B: { params: { planes: int }, layers: [ { conv: { out: $planes, k: 1 } } ] }\nlayers:\n  - B\n", 5, 4, "'planes'")]
        [InlineData("ND0025", Net + "blocks:\n  B: { params: { planes: int = 1 }, layers: [ relu ] }\nlayers:\n  - B: { plane: 3 }\n", 5, 9, "did you mean 'planes'")]
        [InlineData("ND0026", Net + "blocks:\n  B: { layers: [ relu ] }\nlayers:\n  - { repeat: 0, block: B }\n", 5, 6, "count 0")]
        [InlineData("ND0027", Net + "blocks:\n  B: { layers: [ relu ] }\nlayers:\n  - { repeat: 20000, block: B }\n", 5, 6, "10000")]
        [InlineData("ND0027", Net + "layers:\n  - concat:\n      - [ { conv: { out: 2147483647, k: 1 } } ]\n      - [ { conv: { out: 2147483647, k: 1 } } ]\n", 3, 4, "64-bit integer arithmetic")]
        [InlineData("ND0028", Net + "blocks:\n  B: { params: { s: int = 1 }, layers: [ relu ] }\nlayers:\n  - { repeat: 2, block: B, at: { 2: { s: 2 } } }\n", 5, 33, "no index 2")]
        [InlineData("ND0030", Net + "layers:\n  - seq: [ { residual: { body: [ relu ] } } ]\n    name: s\n", 3, 13, "residual")]
        [InlineData("ND0031", Net + "layers:\n  - conv: { out: 0, k: 3 }\n", 3, 17, "at least 1")]
        [InlineData("ND0031", Net + "layers:\n  - dropout: 1.5\n", 3, 13, "between 0 and 1")]
        [InlineData("ND0030", Net + "layers:\n  - concat:\n      - [ { conv: { out: 8, k: 1 } }, { concat: [ [ relu ], [ relu ] ] } ]\n", 4, 40, "concat")]
        [InlineData("ND0032", Net + "blocks:\n  B: { layers: [ { aux: { block: B } } ] }\nlayers: [ B ]\n", 3, 19, "not of a block")]
        [InlineData("ND0032", Net + "layers:\n  - seq: [ { aux: { block: B } } ]\n    name: s\n", 3, 13, "nested list")]
        [InlineData("ND0033", Net + AuxHead + "layers:\n  - conv: { out: 8, k: 3, name: stem }\n  - aux: { block: Head, args: { classes: 2 }, from: stme }\n", 6, 52, "did you mean 'stem'")]
        [InlineData("ND0112", Net + "blocks:\n  Flat: { layers: [ relu ] }\nlayers:\n  - aux: { block: Flat, name: side }\n", 5, 4, "outputs [3, 32, 32]")]
        [InlineData("ND0035", Net + "layers:\n  - residual: { body: [ relu ], shortcut: none, scale: 0.2, then: relu }\n", 3, 48, "'scale' has no effect in a residual with 'shortcut: none'")]
        [InlineData("ND0034", "network: N\ninput: [3, 32, 32]\naccepts: [3, 64.., 64..]\nlayers: [ relu ]\n", 2, 9, "is not among the inputs it accepts ([3, 64.., 64..])")]
        [InlineData("ND0008", "network: N\ninput: [3, 32, 32]\naccepts: [3, 32..16, 32]\nlayers: [ relu ]\n", 2, 9, "a range (32.. or 32..512)")]
        [InlineData("ND0104", "network: N\ninput: [3, 32, 32]\naccepts: [3, 4.., 32]\nlayers:\n  - conv: { out: 4, k: 7 }\n  - globalavgpool\n", 4, 4, "in network 'N' at input [3, 4, 32]")]
        [InlineData("ND0113", "network: N\ninput: [1, 8, 8]\naccepts: [1, 8..9, 8]\nlayers:\n  - flatten\n  - linear: { out: 2 }\n", 5, 4, "reads 64 features at input [1, 8, 8] but 72 at input [1, 9, 8]")]
        [InlineData("ND0100", "network: N\ninput: [3, 2, 2]\nlayers:\n  - maxpool: { k: 3, s: 2 }\n", 3, 4, "[3, 0, 0]")]
        [InlineData("ND0104", "network: N\ninput: [3, 2, 2]\nlayers:\n  - conv: { out: 4, k: 5 }\n", 3, 4, "[5, 5] is larger than the padded input [2, 2]")]
        [InlineData("ND0105", Net + "layers:\n  - conv: { out: 8, k: 3, groups: 2 }\n", 3, 4, "groups 2 must divide both input channels 3")]
        [InlineData("ND0106", Net + "blocks:\n  B: { in: [4, 32, 32], layers: [ relu ] }\nlayers:\n  - B\n", 5, 4, "declares in: [4, 32, 32] but 'b' in network 'N' gives it [3, 32, 32]")]
        [InlineData("ND0107", Net + "layers:\n  - linear: { out: 10 }\n", 3, 4, "add 'flatten'")]
        [InlineData("ND0107", Net + "layers:\n  - flatten\n  - conv: { out: 4, k: 1 }\n", 4, 4, "expects a [C, H, W] input but its input is [3072]")]
        [InlineData("ND0108", Net + "layers:\n  - maxpool: { k: 3, pad: 2 }\n", 3, 4, "at most half the kernel")]
        [InlineData("ND0109", Net + "layers:\n  - residual: { body: [ { conv: { out: 2, k: 1 } } ], shortcut: zeropad }\n", 3, 4, "can only add channels (3 > 2)")]
        [InlineData("ND0110", Net + "layers:\n  - residual: { body: [ { conv: { out: 8, k: 3 } } ], shortcut: projection }\n", 3, 4, "the body outputs [8, 30, 30]")]
        [InlineData("ND0111", Net + "params: { d: int = 0 }\nlayers:\n  - conv: { out: 8 / $d, k: 1 }\n", 4, 17, "division by zero")]
        public void ReportsAtTheRightPlace(string id, string yaml, int line, int column, string messagePart)
        {
            var diagnostic = Specs.Single(yaml, id, line, column);

            Assert.Contains(messagePart, diagnostic.Message);
        }

        [Fact]
        public void ResidualChannelMismatchNamesTheBlockInstanceAndBothShapes()
        {
            var yaml = Net + """
                blocks:
                  Unit:
                    params: { planes: int }
                    residual:
                      body: [ { conv: { out: $planes * 2, k: 3, pad: 1 } } ]
                      shortcut: identity
                layers:
                  - { repeat: 2, block: Unit, args: { planes: 3 } }
                """;

            var diagnostic = Specs.Single(yaml, "ND0101", 5, 4);
            Assert.StartsWith("residual add in block 'Unit' (layer1.0, used at test.net.yaml(10,7))", diagnostic.Message);
            Assert.Contains("body output [6, 32, 32] does not match shortcut [3, 32, 32] — channels 6 vs 3; use 'shortcut: projection'", diagnostic.Message);
        }

        [Fact]
        public void BlockRecursionThroughAnotherBlockIsReportedForEach()
        {
            var diagnostics = Specs.Diagnostics("blocks:\n  A: { layers: [ B ] }\n  B: { layers: [ A ] }\n");

            Assert.Equal(new[] { "block 'A' uses itself: A → B → A", "block 'B' uses itself: B → A → B" }, diagnostics.Select(d => d.Message));
            Assert.All(diagnostics, d => Assert.Equal("ND0023", d.Id));
        }

        [Fact]
        public void IdentityShortcutWithStrideReportsSpatialMismatch()
        {
            var diagnostic = Specs.Single(Net + "layers:\n  - residual: { body: [ { conv: { out: 3, k: 3, s: 2, pad: 1 } } ], shortcut: identity }\n", "ND0102", 3, 4);

            Assert.Contains("body output [3, 16, 16] does not match shortcut [3, 32, 32] — spatial 16×16 vs 32×32", diagnostic.Message);
        }

        [Fact]
        public void ConcatSpatialMismatchNamesTheBranchAndTheLayerThatChangedIt()
        {
            var yaml = Net + "layers:\n  - concat:\n      - [ { conv: { out: 4, k: 1 } } ]\n      - [ { conv: { out: 4, k: 1 } }, { conv: { out: 4, k: 3 } } ]\n";
            var diagnostic = Specs.Single(yaml, "ND0103", 5, 8);

            Assert.Contains("branch 'branch1' outputs [4, 30, 30] but branch 'branch0' outputs [4, 32, 32]", diagnostic.Message);
            Assert.Contains("the size is changed by 'branch1.1' at test.net.yaml(6,41) ([4, 32, 32] → [4, 30, 30])", diagnostic.Message);
        }

        [Fact]
        public void DuplicateBlockAcrossFilesIsReportedInThisFile()
        {
            var other = Specs.File("blocks:\n  B: { layers: [ relu ] }\n");
            var file = Specs.File(Net + "blocks:\n  B: { layers: [ relu ] }\nlayers: [ B ]\n");

            var result = SpecAnalyzer.Analyze(file, other.Blocks.Items.AddRange(file.Blocks.Items).ToEquatableArray());

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(("ND0029", 3, 2), (diagnostic.Id, diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        }

        [Fact]
        public void AFailureInABlockIsReportedOnceAtTheBlocksLayer()
        {
            var yaml = Net + "blocks:\n  B:\n    params: { k: int = 3 }\n    layers: [ { conv: { out: 4, k: $k, groups: 2 } } ]\nlayers:\n  - { repeat: 3, block: B }\n";

            var diagnostic = Assert.Single(Specs.Diagnostics(yaml));
            Assert.Equal(("ND0105", 5, 16), (diagnostic.Id, diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        }

        [Fact]
        public void BlocksWithInAreCheckedAlone()
        {
            var yaml = "blocks:\n  B:\n    in: [3, 4, 4]\n    layers: [ { conv: { out: 4, k: 7 } } ]\n";

            var diagnostic = Assert.Single(Specs.Diagnostics(yaml));
            Assert.Equal("ND0104", diagnostic.Id);
            Assert.Contains("checked alone", diagnostic.Message);
        }

        [Fact]
        public void EveryDescriptorIsDocumented()
        {
            var docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot.Path, "docs", "diagnostics.md"));
            var ids = typeof(Diagnostics.DiagnosticDescriptors).GetFields().Select(f => ((Diagnostics.DiagnosticDescriptor)f.GetValue(null)!).Id).ToList();

            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.Contains("<a id=\"" + id.ToLowerInvariant() + "\"></a>", docs));
        }
    }
}
