using System.Collections.Generic;
using System.IO;
using NetDsl.Runtime.Ensembles;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Cli.Reporting;

/// <summary>Prints each member's and the ensemble's loss and top-k errors side by side, and what the ensemble gains.</summary>
internal static class EnsembleReport
{
    /// <summary>Writes the table for <paramref name="result"/>; <paramref name="networks"/> names each member's network.</summary>
    public static void Write(TextWriter output, string dataName, EnsembleResult result, IReadOnlyList<string> networks)
    {
        output.WriteLine($"Ensemble of {result.Members.Count} networks on {dataName} ({result.Ensemble.Summary.Count} test images), averaging their softmax outputs:");
        output.WriteLine();
        output.Write(EnsembleTable.Of(result, networks));
        output.WriteLine();
        output.WriteLine(EnsembleTable.Gain(result));
    }
}
