using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Language.Emit
{
    /// <summary>
    /// A submodule as C#: its field type and the expression that creates it (several lines for a Sequential).
    /// </summary>
    internal sealed record ModuleCode(string Type, IReadOnlyList<string> Create)
    {
        /// <summary>A module created by a one-line expression.</summary>
        public static ModuleCode Single(string type, string create) => new(type, new[] { create });

        /// <summary>
        /// <c>nn.Sequential(("0", …), ("1", …))</c>, one entry per line.
        /// </summary>
        public static ModuleCode Sequential(IReadOnlyList<(string Name, ModuleCode Module)> entries)
        {
            if (entries.Count == 0)
            {
                return Single("Sequential", "nn.Sequential()");
            }

            var lines = new List<string> { "nn.Sequential(" };
            for (var i = 0; i < entries.Count; i++)
            {
                var (name, module) = entries[i];
                var create = module.Create;
                var suffix = i == entries.Count - 1 ? "))" : "),";
                if (create.Count == 1)
                {
                    lines.Add("    (" + Identifier.Literal(name) + ", " + create[0] + suffix);
                    continue;
                }

                lines.Add("    (" + Identifier.Literal(name) + ", " + create[0]);
                lines.AddRange(create.Skip(1).Take(create.Count - 2).Select(l => "    " + l));
                lines.Add("    " + create[create.Count - 1] + suffix);
            }

            return new ModuleCode("Sequential", lines);
        }
    }
}
