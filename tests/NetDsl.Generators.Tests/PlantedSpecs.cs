namespace NetDsl.Generators.Tests;

/// <summary>Specs with one planted mistake, shared by the tests that expect it at an exact place.</summary>
internal static class PlantedSpecs
{
    /// <summary>
    /// Head asserts 64 input channels and the network feeds it 32: the ND0106 error belongs at the use of Head,
    /// line 10 column 5 (0-based 9 and 4).
    /// </summary>
    public const string ChannelMismatch = """
        network: Bad
        input: [3, 32, 32]
        blocks:
          Head:
            in: [64, 32, 32]
            layers:
              - conv: { out: 64, k: 3, pad: 1 }
        layers:
          - conv: { out: 32, k: 3, pad: 1 }
          - Head
        """;
}
