using System.CommandLine;
using NetDsl.Cli.Schema;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl schema [--out FILE]</c>: the JSON Schema of <c>.net.yaml</c> files, for editors.</summary>
internal static class SchemaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "Write the schema to this file instead of standard output." };
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of .net.yaml files, for completion, hover docs and validation in editors.") { output };
        command.SetAction(parse =>
        {
            var schema = SpecSchema.Write();
            if (parse.GetValue(output) is { } path)
            {
                OutputFile.Write(path, schema);
            }
            else
            {
                context.Output.Write(schema);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
