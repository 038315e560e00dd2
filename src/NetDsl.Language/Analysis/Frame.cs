using System.Collections.Generic;

namespace NetDsl.Language.Analysis;

/// <summary>
/// One class instance being walked: the parameter values, its depth in the module tree, and how messages name it
/// (<c>block 'Bottleneck' (layer2.0, used at r.net.yaml(12,5))</c>).
/// </summary>
internal sealed record Frame(IReadOnlyDictionary<string, Value> Env, int Depth, Place Where)
{
    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : name.Length == 0 ? prefix : prefix + "." + name;
}
