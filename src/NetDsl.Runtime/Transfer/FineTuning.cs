using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Transfer;

/// <summary>Transfer learning: freezing parameters by name and replacing a classifier head.</summary>
public static class FineTuning
{
    /// <summary>
    /// Stops gradients for every parameter whose state-dict name matches one of <paramref name="patterns"/>
    /// (see <see cref="NamePattern"/>), e.g. <c>Freeze(model, "*")</c> then <c>Unfreeze(model, "fc.*")</c>.
    /// The trainer leaves frozen parameters out of the optimizer, so they do not change at all.
    /// </summary>
    /// <returns>The names of the parameters frozen.</returns>
    /// <exception cref="ArgumentException">A pattern matches no parameter (almost always a typo).</exception>
    public static IReadOnlyList<string> Freeze(nn.Module model, params string[] patterns) => SetRequiresGrad(model, patterns, false);

    /// <summary>Lets gradients flow again into the parameters matching <paramref name="patterns"/>.</summary>
    /// <returns>The names of the parameters unfrozen.</returns>
    /// <exception cref="ArgumentException">A pattern matches no parameter.</exception>
    public static IReadOnlyList<string> Unfreeze(nn.Module model, params string[] patterns) => SetRequiresGrad(model, patterns, true);

    /// <summary>
    /// Replaces the submodule at the dotted path <paramref name="path"/> (e.g. <c>fc</c>) with
    /// <paramref name="replacement"/>: both the registration (so state-dict keys stay <c>fc.weight</c>…) and the field
    /// of the parent that <c>forward</c> calls (generated classes and hand-written modules keep submodules in fields).
    /// </summary>
    /// <returns>The module that was replaced.</returns>
    /// <exception cref="ArgumentException">There is no submodule at <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException">The parent keeps the submodule somewhere other than a field (e.g. a Sequential).</exception>
    public static nn.Module ReplaceModule(nn.Module model, string path, nn.Module replacement)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(replacement);
        var modules = model.named_modules().ToDictionary(m => m.Item1, m => m.Item2);
        if (!modules.TryGetValue(path, out var old) || path.Length == 0)
        {
            throw new ArgumentException(
                $"The model has no submodule '{path}'. Its top-level submodules: {string.Join(", ", model.named_children().Select(c => c.Item1))}.",
                nameof(path));
        }

        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? model : modules[path[..dot]];
        var name = path[(dot + 1)..];
        var field = FieldsOf(parent.GetType()).FirstOrDefault(f => ReferenceEquals(f.GetValue(parent), old))
            ?? throw new NotSupportedException(
                $"'{path}' is not held in a field of {parent.GetType().Name}, so forward would keep calling the old module. Replace it in the parent's code or rebuild the container.");
        field.SetValue(parent, replacement);
        parent.register_module(name, null!);
        parent.register_module(name, replacement);
        return old;
    }

    private static IEnumerable<FieldInfo> FieldsOf(Type? type)
    {
        for (; type is not null && type != typeof(nn.Module); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (typeof(nn.Module).IsAssignableFrom(field.FieldType))
                {
                    yield return field;
                }
            }
        }
    }

    private static List<string> SetRequiresGrad(nn.Module model, string[] patterns, bool value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(patterns);
        var parameters = model.named_parameters().ToList();
        var changed = new List<string>();
        foreach (var pattern in patterns)
        {
            var matched = parameters.Where(p => NamePattern.Matches(pattern, p.name)).ToList();
            if (matched.Count == 0)
            {
                throw new ArgumentException(
                    $"No parameter matches '{pattern}'. Parameter names look like: {string.Join(", ", parameters.Take(5).Select(p => p.name))}.",
                    nameof(patterns));
            }

            foreach (var (name, parameter) in matched)
            {
                parameter.requires_grad = value;
                changed.Add(name);
            }
        }

        return changed;
    }
}
