using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using NetDsl.Language.Diagnostics;
using NetDsl.Runtime.Data;
using static TorchSharp.torch;

namespace NetDsl.Cli.Models;

/// <summary>
/// The networks the tool can build: generated network classes (a <c>Module&lt;Tensor, Tensor&gt;</c> with a
/// static <c>InputShape</c>) found by reflection in the zoo assembly and any assembly given with <c>--assembly</c>.
/// </summary>
internal sealed class ModelCatalog
{
    private const string ClassesParameter = "classes";
    private readonly Dictionary<string, Type> _models;

    /// <summary>Collects the network classes of <paramref name="assemblies"/>; a later assembly's class wins a name clash.</summary>
    public ModelCatalog(IEnumerable<Assembly> assemblies)
    {
        _models = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetExportedTypes()).Where(IsNetwork))
        {
            _models[type.Name] = type;
        }
    }

    /// <summary>The model zoo (<c>NetDsl.Zoo</c>).</summary>
    public static Assembly ZooAssembly => typeof(NetDsl.Zoo.ResNet18).Assembly;

    /// <summary>The class names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => _models.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The network class called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="CliException">There is none; the message lists the names and suggests the nearest.</exception>
    public Type Find(string name)
    {
        if (_models.TryGetValue(name, out var type))
        {
            return type;
        }

        var nearest = Suggestions.Nearest(name, _models.Keys);
        var hint = nearest is null ? string.Empty : $" Did you mean '{nearest}'?";
        throw new CliException(
            ExitCodes.Usage,
            $"--model: unknown model '{name}'.{hint} Known models: {string.Join(", ", Names)}. Networks of your own: pass their assembly with --assembly.");
    }

    /// <summary>The input shape [C, H, W] the network of <paramref name="type"/> was declared with.</summary>
    public static ImageShape InputShape(Type type)
    {
        var dims = (IReadOnlyList<long>)type.GetProperty("InputShape", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new ImageShape((int)dims[0], (int)dims[1], (int)dims[2]);
    }

    /// <summary>The default of the network's <c>classes</c> constructor parameter, or null when it has none.</summary>
    public static int? DefaultClasses(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
            .FirstOrDefault(p => p.Name == ClassesParameter && p.HasDefaultValue) is { } parameter
            ? Convert.ToInt32(parameter.DefaultValue, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Builds the network with <paramref name="classes"/> outputs and every other constructor parameter at its default.</summary>
    /// <exception cref="CliException">The class has no <c>classes</c> parameter and its output does not fit, or a parameter has no default.</exception>
    public static nn.Module<Tensor, Tensor> Create(Type type, int classes)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = constructor.GetParameters();
        if (!parameters.Any(p => p.Name == ClassesParameter))
        {
            throw new CliException(ExitCodes.Usage, $"--model: {type.Name} has no 'classes' parameter, so its output cannot be fitted to the data's {classes} classes. Declare 'params: {{ classes: int = 1000 }}' and end with 'linear: {{ out: $classes }}'.");
        }

        var arguments = parameters.Select(p => p.Name == ClassesParameter
            ? Convert.ChangeType(classes, p.ParameterType, CultureInfo.InvariantCulture)
            : p.HasDefaultValue ? p.DefaultValue
            : throw new CliException(ExitCodes.Usage, $"--model: {type.Name}'s constructor parameter '{p.Name}' has no default; give it one in the spec.")).ToArray();
        return (nn.Module<Tensor, Tensor>)constructor.Invoke(arguments);
    }

    private static bool IsNetwork(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && typeof(nn.Module<Tensor, Tensor>).IsAssignableFrom(type)
        && type.GetProperty("InputShape", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(IReadOnlyList<long>);
}
