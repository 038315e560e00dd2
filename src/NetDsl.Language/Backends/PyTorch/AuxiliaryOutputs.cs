using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>
/// What a network with auxiliary heads returns in training mode, as torchvision's Inception3 and GoogLeNet do: a
/// named tuple of the main logits and each head's (None when the network was built with <c>aux_logits=False</c>).
/// </summary>
internal sealed class AuxiliaryOutputs
{
    private AuxiliaryOutputs(string className, IReadOnlyList<Head> heads)
    {
        ClassName = className;
        Heads = heads;
    }

    /// <summary>The named tuple's class: <c>GoogLeNetOutputs</c>.</summary>
    public string ClassName { get; }

    /// <summary>The heads in field order: the field, its name in the tuple, its weight in the loss.</summary>
    public IReadOnlyList<Head> Heads { get; }

    /// <summary>The outputs of <paramref name="network"/>, or null when it has no auxiliary heads; the class's name avoids <paramref name="taken"/>.</summary>
    public static AuxiliaryOutputs? Of(NetworkPlan network, ISet<string> taken)
    {
        var fields = network.Class.Fields.Where(f => f.Auxiliary).ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        var className = network.Class.Name + "Outputs";
        while (taken.Contains(className))
        {
            className += "_";
        }

        // A tuple's fields cannot be keywords or start with an underscore, and "logits" is the main output's.
        var names = new HashSet<string>(System.StringComparer.Ordinal) { "logits" };
        var weights = network.Class.Forward.OfType<AuxStep>().ToDictionary(s => s.Field, s => s.LossWeight, System.StringComparer.Ordinal);
        var heads = new List<Head>();
        foreach (var field in fields)
        {
            var name = field.Name.TrimStart('_');
            while (name.Length == 0 || PythonReserved.Keywords.Contains(name) || !names.Add(name))
            {
                name += "_";
            }

            heads.Add(new Head(field.Name, name, weights.TryGetValue(field.Name, out var weight) ? weight : 0));
        }

        return new AuxiliaryOutputs(className, heads);
    }

    /// <summary>Writes the named tuple's class.</summary>
    public void Write(SourceWriter writer, Imports imports)
    {
        imports.Use("NamedTuple");
        imports.Use("Optional");
        writer.Line("class " + ClassName + "(NamedTuple):");
        using (writer.Indent())
        {
            writer.Line("\"\"\"What the network returns in training mode with aux_logits: the logits and each auxiliary head's.\"\"\"");
            writer.Line();
            writer.Line("logits: Tensor");
            foreach (var head in Heads)
            {
                writer.Line(head.Output + ": Optional[Tensor]");
            }
        }
    }

    /// <summary>One auxiliary head.</summary>
    /// <param name="Field">Its field (and state-dict prefix).</param>
    /// <param name="Output">Its field in the named tuple.</param>
    /// <param name="LossWeight">Its weight in the training loss.</param>
    internal sealed record Head(string Field, string Output, double LossWeight);
}
