using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace NetDsl.Testing;

/// <summary>
/// Baseline files beside the tests: <c>Snapshots/{name}.verified{extension}</c> (<c>.cs</c> unless told). A mismatch
/// writes <c>{name}.received{extension}</c> and fails; <c>NETDSL_ACCEPT_SNAPSHOTS=1</c> overwrites the baseline
/// instead. Linked into the test projects that compare with baselines.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, string extension = ".cs", [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified" + extension);
        var received = Path.Combine(directory, name + ".received" + extension);
        var normalized = Normalize(actual);
        if (Environment.GetEnvironmentVariable("NETDSL_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, normalized);
        throw new XunitException(expected is null
            ? $"No snapshot {verified}; wrote {received}. Run with NETDSL_ACCEPT_SNAPSHOTS=1 to accept it."
            : $"Snapshot {verified} differs; wrote {received}. Compare them, then accept with NETDSL_ACCEPT_SNAPSHOTS=1.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
}
