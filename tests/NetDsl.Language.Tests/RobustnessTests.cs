using NetDsl.Language.Analysis;
using NetDsl.Language.Model;
using Xunit;

namespace NetDsl.Language.Tests
{
    /// <summary>The core never throws: malformed input and unexpected models become diagnostics.</summary>
    public class RobustnessTests
    {
        [Theory]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ conv ]\n", "ND0007")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers:\n  - conv:\n", "ND0007")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ residual ]\n", "ND0007")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ { repeat: 2 } ]\n", "ND0007")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ { conv: [1, 2] } ]\n", "ND0008")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ { concat: 3 } ]\n", "ND0008")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: 5\n", "ND0008")]
        [InlineData("network: [N]\ninput: [3, 8, 8]\nlayers: []\n", "ND0008")]
        [InlineData("network: N\ninput: [3, x, 8]\nlayers: []\n", "ND0008")]
        [InlineData("blocks: [ A ]\n", "ND0008")]
        [InlineData("? [a]\n: 1\n", "ND0008")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ { conv: { out: ((((((((((((((((((((((((((((((((((1, k: 1 } } ]\n", "ND0012")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ { conv: { out: 99999999999, k: 1 } } ]\n", "ND0012")]
        [InlineData("network: N\ninput: [3, 8, 8]\nlayers: [ { conv: { out: 65536 * 65536, k: 1 } } ]\n", "ND0111")]
        public void MalformedSpecsGiveDiagnostics(string yaml, string id)
        {
            Assert.Contains(Specs.Diagnostics(yaml), d => d.Id == id);
        }

        [Fact]
        public void AnUnexpectedFailureIsAnInternalErrorDiagnostic()
        {
            var network = new NetworkDef("N", "T", EquatableArray.Of(3, 8, 8), EquatableArray<ParamDef>.Empty, EquatableArray.Of<Layer>(new UnknownLayer()), default);
            var file = new SpecFile(Specs.Path, "T", EquatableArray<BlockDef>.Empty, network);

            var result = SpecAnalyzer.Analyze(file, EquatableArray<BlockDef>.Empty);

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(("ND0002", 0, 0), (diagnostic.Id, diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
            Assert.Null(result.Network);
        }

        [Fact]
        public void NestedRepeatsHitTheLayerLimitInsteadOfHanging()
        {
            var yaml = """
                network: N
                input: [3, 8, 8]
                blocks:
                  A: { layers: [ relu ] }
                  B: { layers: [ { repeat: 9000, block: A } ] }
                  C: { layers: [ { repeat: 9000, block: B } ] }
                layers:
                  - { repeat: 9000, block: C }
                """;

            Assert.Contains(Specs.Diagnostics(yaml), d => d.Id == "ND0027" && d.Message.Contains("100000 instantiated layers"));
        }

        private sealed record UnknownLayer : Layer;
    }
}
