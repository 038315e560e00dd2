using System.Text;

namespace NetDsl.Generators.Attributes;

/// <summary>Where the attributes live and how their names map to the YAML language's keys.</summary>
internal static class DeclarationNames
{
    /// <summary>The namespace of the attributes in NetDsl.Nn.</summary>
    public const string Namespace = "NetDsl.Declarations";

    public const string NetBlock = Namespace + ".NetBlockAttribute";

    public const string Network = Namespace + ".NetworkAttribute";

    /// <summary><c>CountIncludePad</c> → <c>count_include_pad</c>; the constructor parameter <c>count</c> is <c>repeat</c>.</summary>
    public static string Key(string name)
    {
        if (name == "count")
        {
            return "repeat";
        }

        var key = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && key.Length > 0)
            {
                key.Append('_');
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }
}
