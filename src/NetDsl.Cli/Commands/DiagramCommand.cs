using System;
using System.CommandLine;
using NetDsl.Language.Backends.Diagram;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl diagram &lt;spec | zoo model&gt; [--out FILE] [--format svg|mermaid] [--expand]</c>: a picture of one network.</summary>
internal static class DiagramCommand
{
    /// <summary>The diagram formats.</summary>
    public enum DiagramFormat
    {
        /// <summary>Decided by the extension of --out: mermaid for .md and .mmd, else svg.</summary>
        Auto,

        /// <summary>An SVG picture.</summary>
        Svg,

        /// <summary>A Mermaid flowchart in a Markdown code fence.</summary>
        Mermaid,
    }

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var target = new NetworkTarget();
        var output = new Option<string?>("--out") { Description = "Write the diagram to this file (written whole or not at all) instead of standard output." };
        var format = new Option<DiagramFormat>("--format") { Description = "svg, or mermaid (Markdown); default: mermaid for an --out ending in .md or .mmd, else svg.", DefaultValueFactory = _ => DiagramFormat.Auto };
        var expand = new Option<bool>("--expand") { Description = "Draw every block of a run of identical blocks, instead of one with its count." };
        var command = new Command("diagram", "Draw a network from its resolved plan: layers with output shapes, concat branches side by side, residual skips around their bodies.");
        target.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(expand);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            var network = target.Check(parse, context, "diagram");

            var mermaid = parse.GetValue(format) switch
            {
                DiagramFormat.Mermaid => true,
                DiagramFormat.Svg => false,
                _ => path is not null && (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mmd", StringComparison.OrdinalIgnoreCase)),
            };
            var text = mermaid ? NetworkDiagram.Mermaid(network.Plan, parse.GetValue(expand)) : NetworkDiagram.Svg(network.Plan, parse.GetValue(expand));
            if (path is null)
            {
                context.Output.Write(text);
            }
            else
            {
                OutputFile.Write(path, text);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
