using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using NetDsl.Cli.Models;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Commands;

/// <summary>The options of every command that runs a network: which network (from the zoo or an assembly) on which device.</summary>
internal sealed class ModelOptions(CliContext context)
{
    /// <summary>The network class (zoo class name, e.g. ResNet18).</summary>
    public Option<string> Model { get; } = new("--model") { Description = "The network class, e.g. ResNet18 (see the list printed for an unknown name).", Required = true };

    /// <summary>The device.</summary>
    public Option<string> Device { get; } = new("--device") { Description = "auto (CUDA when available), cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };

    /// <summary>Extra assemblies to look for network classes in.</summary>
    public Option<string[]> Assemblies { get; } = new("--assembly")
    {
        Description = "An assembly (.dll) holding generated networks of your own, searched besides the zoo.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    /// <summary>
    /// Loads libtorch, checks the device (a CUDA device that cannot be had fails here, before anything is read
    /// or built) and finds the network class and its declared input shape.
    /// </summary>
    /// <exception cref="CliException">No usable libtorch, or an option's value is wrong.</exception>
    public (Type Model, ImageShape Input) Resolve(ParseResult parse)
    {
        var model = Catalog(parse).Find(parse.GetValue(Model)!);
        return (model, ModelCatalog.InputShape(model));
    }

    /// <summary>
    /// Loads libtorch, checks the device (a CUDA device that cannot be had fails here, before anything is read
    /// or built) and returns the catalog of the zoo's and <c>--assembly</c>'s network classes.
    /// </summary>
    /// <exception cref="CliException">No usable libtorch, or an option's value is wrong.</exception>
    public ModelCatalog Catalog(ParseResult parse)
    {
        LibTorchGuard.Ensure(context);
        CheckDevice(parse.GetValue(Device)!);
        return new ModelCatalog([ModelCatalog.ZooAssembly, .. parse.GetValue(Assemblies)!.Select(LoadAssembly)]);
    }

    private static void CheckDevice(string device)
    {
        try
        {
            DeviceSelection.Resolve(device);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.Usage, "--device: " + e.Message, e);
        }
    }

    /// <summary>Loads an <c>--assembly</c> file.</summary>
    /// <exception cref="CliException">The file does not exist or is not a .NET assembly.</exception>
    public static Assembly LoadAssembly(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"--assembly: '{path}' does not exist.");
        }

        try
        {
            return Assembly.LoadFrom(Path.GetFullPath(path));
        }
        catch (BadImageFormatException e)
        {
            throw new CliException(ExitCodes.Usage, $"--assembly: '{path}' is not a .NET assembly ({e.Message}).", e);
        }
    }
}
