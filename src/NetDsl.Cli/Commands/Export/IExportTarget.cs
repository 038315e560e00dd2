using System.Collections.Generic;
using System.CommandLine;

namespace NetDsl.Cli.Commands.Export;

/// <summary>
/// One target of <c>netdsl export --to</c>: its name, the options only it reads, and how it writes a checked network.
/// <see cref="ExportCommand"/> finds and checks the network, then hands it to the target <c>--to</c> names.
/// </summary>
internal interface IExportTarget
{
    /// <summary>The name <c>--to</c> takes (<c>pytorch</c>).</summary>
    string Name { get; }

    /// <summary>What <c>--out</c> names for this target and what is written there, for the help.</summary>
    string Writes { get; }

    /// <summary>The options only this target reads; they are added to the command.</summary>
    IReadOnlyList<Option> Options { get; }

    /// <summary>Checks this target's options and <c>--out</c>, writes the network and returns the exit code.</summary>
    /// <exception cref="CliException">An option is wrong, the network cannot be written for this target, or the output cannot be written.</exception>
    int Write(ParseResult parse, ExportRequest request);
}
