using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>
/// The Python names of one generated file. A spec name that Python cannot take as it is (a keyword such as
/// <c>lambda</c>, or a name the file already uses at module level, such as <c>nn</c>) gets a trailing underscore,
/// PEP 8's convention; the implicit parameters are <c>in_channels</c> (a block's) and <c>aux_logits</c>
/// (torchvision's, for a network with auxiliary heads).
/// </summary>
internal sealed class PythonNames
{
    /// <summary>The name of a block's implicit first parameter.</summary>
    public const string InChannels = "in_channels";

    /// <summary>The parameter of a network with auxiliary heads that leaves them out when false.</summary>
    public const string AuxLogits = "aux_logits";

    /// <summary>Builtins the generated code calls, and the receiver of every method.</summary>
    private static readonly string[] Builtins = { "self", "super", "range", "list", "isinstance", "int", "float", "bool", "ValueError" };

    private readonly HashSet<string> _module;
    private readonly Dictionary<string, Dictionary<string, string>> _parameters = new(System.StringComparer.Ordinal);

    /// <param name="classes">Every class of the file.</param>
    /// <param name="moduleNames">The names the file defines or imports at module level.</param>
    public PythonNames(IEnumerable<ClassPlan> classes, IEnumerable<string> moduleNames)
    {
        _module = new HashSet<string>(moduleNames.Concat(Builtins), System.StringComparer.Ordinal);
        foreach (var plan in classes)
        {
            var scope = new Scope(this);
            var names = new Dictionary<string, string>(System.StringComparer.Ordinal);
            if (plan.Kind == ClassKind.Block)
            {
                names[BlockDef.InChannelsParameter] = scope.Take(InChannels);
            }
            else if (plan.Fields.Any(f => f.Auxiliary))
            {
                scope.Take(AuxLogits);
            }

            foreach (var parameter in plan.Params)
            {
                names[parameter.Name] = scope.Take(parameter.Name);
            }

            _parameters[plan.Name] = names;
        }
    }

    /// <summary>The Python name of the parameter <paramref name="name"/> (<c>inChannels</c> included) of the class <paramref name="className"/>.</summary>
    public string Parameter(string className, string name) => _parameters[className][name];

    /// <summary>A scope for the locals of one method of <paramref name="plan"/>: they avoid its parameters and the module's names.</summary>
    public Scope Locals(ClassPlan plan)
    {
        var scope = new Scope(this);
        foreach (var name in _parameters[plan.Name].Values)
        {
            scope.Take(name);
        }

        if (plan.Kind == ClassKind.Network && plan.Fields.Any(f => f.Auxiliary))
        {
            scope.Take(AuxLogits);
        }

        return scope;
    }

    /// <summary>Names in use in one method or one class's attributes; <see cref="Take"/> hands out a free one.</summary>
    internal sealed class Scope
    {
        private readonly PythonNames _names;
        private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

        public Scope(PythonNames names) => _names = names;

        /// <summary>Whether <paramref name="name"/> can be taken as it is.</summary>
        public bool IsFree(string name) => !PythonReserved.Keywords.Contains(name) && !_names._module.Contains(name) && !_taken.Contains(name);

        /// <summary><paramref name="preferred"/>, or it with underscores appended until it is free; marks it taken.</summary>
        public string Take(string preferred)
        {
            var name = preferred;
            while (!IsFree(name))
            {
                name += "_";
            }

            _taken.Add(name);
            return name;
        }
    }
}
