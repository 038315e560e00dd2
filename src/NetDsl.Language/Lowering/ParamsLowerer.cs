using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Language.Lowering;

/// <summary>Lowers <c>params: { planes: int, stride: int = 1, p: float = 0.2 }</c>.</summary>
internal static class ParamsLowerer
{
    internal static readonly HashSet<string> Reserved = new() { "name", BlockDef.InChannelsParameter };

    public static List<ParamDef> Lower(YamlNode? node, DiagnosticBag diagnostics)
    {
        var result = new List<ParamDef>();
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMap map)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "params", "a mapping of 'name: type'", node.Describe());
            return result;
        }

        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (Reserved.Contains(name))
            {
                diagnostics.Add(DiagnosticDescriptors.BadParameter, entry.Key.Span, name, "the name is reserved");
            }
            else
            {
                // A keyword name is reported, but the parameter stays declared so that its uses ('$out') do not
                // each add a second, misleading "undefined variable" error.
                Identifiers.Check(name, entry.Key.Span, diagnostics);
                if (Declaration(entry.Value, name, diagnostics) is { } param)
                {
                    result.Add(param with { Span = entry.Key.Span });
                }
            }
        }

        return result;
    }

    private static ParamDef? Declaration(YamlNode node, string name, DiagnosticBag diagnostics)
    {
        var text = (node as YamlScalar)?.Value ?? string.Empty;
        var parts = text.Split(new[] { '=' }, 2);
        var typeName = parts[0].Trim();
        ParamType? type = typeName switch { "int" => ParamType.Int, "float" => ParamType.Float, _ => null };
        if (type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.BadParameter, node.Span, name, $"expected 'int', 'float', 'int = 4' or 'float = 0.5', but got '{node.Describe()}'");
            return null;
        }

        if (parts.Length == 1)
        {
            return new ParamDef(name, type.Value, null, node.Span);
        }

        var scalar = (YamlScalar)node;
        var defaultText = parts[1].Trim();
        var value = ExpressionParser.Parse(new YamlScalar(defaultText, false, scalar.Span), out _);
        if (value is not NumberExpr number)
        {
            diagnostics.Add(DiagnosticDescriptors.BadParameter, node.Span, name, $"the default '{defaultText}' must be a number");
            return null;
        }

        if (type == ParamType.Int && !number.IsInteger)
        {
            diagnostics.Add(DiagnosticDescriptors.FloatWhereIntNeeded, node.Span, name, defaultText);
            return null;
        }

        return new ParamDef(name, type.Value, number with { Span = node.Span }, node.Span);
    }

    public static ExprScope Scope(string owner, IEnumerable<ParamDef> parameters, bool withInChannels)
    {
        var types = parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Type);
        if (withInChannels)
        {
            types[BlockDef.InChannelsParameter] = ParamType.Int;
        }

        return new ExprScope(owner, types);
    }
}
