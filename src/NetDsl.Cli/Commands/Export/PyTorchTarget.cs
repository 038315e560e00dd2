using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Language.Backends;
using NetDsl.Language.Backends.PyTorch;
using NetDsl.Runtime.IO;

namespace NetDsl.Cli.Commands.Export;

/// <summary>
/// <c>--to pytorch</c>: the network as a plain torch.nn module (the language core's PyTorch back end) and, beside it,
/// train.py, the torchrun trainer (<see cref="TrainerScript"/>), in the folder <c>--out</c> names.
/// </summary>
internal sealed class PyTorchTarget(CliContext context) : IExportTarget
{
    private readonly Option<bool> _force = new("--force") { Description = "pytorch: write into a folder that is not empty, replacing the files of the same names." };

    /// <inheritdoc/>
    public string Name => "pytorch";

    /// <inheritdoc/>
    public string Writes => "a new or empty folder for a torch.nn module and its torchrun trainer";

    /// <inheritdoc/>
    public IReadOnlyList<Option> Options => [_force];

    /// <summary>Writes <c>&lt;network in snake_case&gt;.py</c> and <c>train.py</c> into the folder, each atomically.</summary>
    /// <exception cref="CliException">The folder is not empty without <c>--force</c>, or the network has a layer PyTorch cannot name.</exception>
    public int Write(ParseResult parse, ExportRequest request)
    {
        var folder = request.Output;
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !parse.GetValue(_force))
        {
            throw new CliException(ExitCodes.Usage, $"--out: '{folder}' exists and is not empty; choose a new folder, or pass --force to replace the files of the same names in it.");
        }

        PyTorchModule module;
        try
        {
            module = PyTorchEmitter.Emit(request.Network.Plan);
        }
        catch (NotExportableException e)
        {
            throw new CliException(ExitCodes.SpecErrors, e.Message, e);
        }

        Directory.CreateDirectory(folder);
        var modulePath = Path.Combine(folder, module.ModuleName + ".py");
        var trainerPath = Path.Combine(folder, "train.py");
        WriteText(modulePath, module.Source);
        WriteText(trainerPath, TrainerScript.For(request.Network, module));
        context.Output.WriteLine($"Wrote {modulePath} ({module.ClassName}) and {trainerPath}.");
        context.Output.WriteLine($"Train it with: torchrun --standalone --nproc_per_node=<processes> {trainerPath} --data <data set> --out <run folder>");
        return ExitCodes.Success;
    }

    private static void WriteText(string path, string text) => AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
}
