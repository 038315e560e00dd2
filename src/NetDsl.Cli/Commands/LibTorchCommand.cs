using System.CommandLine;
using System.IO;
using NetDsl.Runtime.Native;
using TorchSharp;

namespace NetDsl.Cli.Commands;

/// <summary><c>netdsl libtorch</c>: which libtorch netdsl runs on, whether TorchSharp accepts it, and what CUDA it sees.</summary>
internal static class LibTorchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var libraryPath = new Option<bool>("--library-path")
        {
            Description = "Only check the libtorch, without loading it, and print the folders for LD_LIBRARY_PATH (what the GPU bundle's launcher uses).",
        };
        var symbols = new Option<bool>("--symbols")
        {
            Description = "Only list the symbols TorchSharp's shim imports that the libtorch does not define (none for a release it can run on), without loading it.",
        };
        var command = new Command("libtorch", $"Show the libtorch in use (netdsl's own, else {LibTorch.FolderVariable}, else the PyTorch of python3), check it against the release TorchSharp was built for, and report CUDA.")
        {
            libraryPath,
            symbols,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(symbols))
            {
                var location = LibTorchGuard.Call(() => LibTorch.Locate());
                var (imports, missing) = LibTorch.CompareSymbols(location);
                context.Output.WriteLine($"{location.Describe()}: defines {imports.Count - missing.Count} of the {imports.Count} libtorch symbols that {LibTorch.Shim} imports; missing: {missing.Count}");
                foreach (var name in missing)
                {
                    context.Output.WriteLine(name);
                }

                return missing.Count == 0 ? ExitCodes.Success : ExitCodes.LibTorchUnavailable;
            }

            if (parse.GetValue(libraryPath))
            {
                var (location, _) = LibTorchGuard.Call(() => LibTorch.Resolve());
                context.Output.WriteLine(string.Join(Path.PathSeparator, LibTorch.LibraryFolders(location)));
                return ExitCodes.Success;
            }

            var status = LibTorchGuard.Ensure(context);
            context.Output.WriteLine(status.Location.Describe());
            context.Output.WriteLine($"TorchSharp {LibTorch.TorchSharpVersion}, built for libtorch {LibTorch.Required.Release}: {(status.Warning is null ? "accepted" : "accepted on its symbols alone (see the warning)")}");
            context.Output.WriteLine(torch.cuda.is_available()
                ? $"CUDA: available, {torch.cuda.device_count()} device(s), cuDNN {(torch.cuda.is_cudnn_available() ? "available" : "not available")}"
                : $"CUDA: not available: {status.NoCudaReason}");
            return ExitCodes.Success;
        });
        return command;
    }
}
