using NetDsl.Cli.Specs;

namespace NetDsl.Cli.Commands.Export;

/// <summary>What every export target is given: the checked network and the path <c>--out</c> names (a folder or a file, as the target writes).</summary>
internal sealed record ExportRequest(CheckedNetwork Network, string Output);
