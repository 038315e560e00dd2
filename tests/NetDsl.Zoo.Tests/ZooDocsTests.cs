using System.IO;
using System.Linq;
using Xunit;

namespace NetDsl.Zoo.Tests;

/// <summary>
/// docs/zoo.md (written by scripts/zoo-docs.sh) is in step with the zoo: its overview row for every model of
/// references.json shows the model's counted parameters as generated, and the reference beside it.
/// </summary>
public class ZooDocsTests
{
    public static TheoryData<string> Networks => ZooNetworkTests.Networks;

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheOverviewRowShowsTheCountedAndTheReferenceParameters(string name)
    {
        var reference = ZooReferences.Models[name];
        var counted = ZooNetworkTests.CountParameters(name);
        var docs = File.ReadAllLines(ZooReferences.RepositoryFile(Path.Combine("docs", "zoo.md")));

        var row = docs.SingleOrDefault(l => l.StartsWith($"| [{name}](#", System.StringComparison.Ordinal));

        Assert.True(row is not null, $"docs/zoo.md has no overview row for {name}; run bash scripts/zoo-docs.sh.");
        var cells = row.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(Grouped(counted), cells[3]);
        Assert.Equal(reference.Parameters is { } parameters ? Grouped(parameters) : "—", cells[4]);
    }

    private static string Grouped(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
