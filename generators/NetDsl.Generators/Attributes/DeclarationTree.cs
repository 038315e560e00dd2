using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Language.Syntax;

namespace NetDsl.Generators.Attributes;

/// <summary>
/// The spec tree of one declaration: <c>namespace</c> and <c>blocks: { Name: { in, params, defaults, layers } }</c>
/// for a block, <c>network</c>, <c>namespace</c>, <c>input</c>, <c>params</c>, <c>defaults</c> and <c>layers</c> for a network.
/// </summary>
internal static class DeclarationTree
{
    public static YamlMap Build(string name, string ns, ClassDeclarationSyntax declaration, IReadOnlyList<AttributeItem> items, bool network, NodeBuilder build)
    {
        var span = Spans.Of(declaration);
        var nameSpan = Spans.Of(declaration.Identifier);
        var body = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var declared in items.Where(i => i.Name == (network ? "Network" : "NetBlock")))
        {
            body.AddRange(build.Entries(declared));
        }

        if (Params(items, build) is { } parameters)
        {
            body.Add(NodeBuilder.Entry("params", parameters.Span, parameters));
        }

        var defaults = items.Where(i => i.Name.EndsWith("Defaults", System.StringComparison.Ordinal)).ToList();
        if (defaults.Count > 0)
        {
            var byKind = defaults.Select(d => NodeBuilder.Entry(d.Name.Substring(0, d.Name.Length - "Defaults".Length).ToLowerInvariant(), d.NameSpan, new YamlMap(build.Entries(d), d.Span)));
            body.Add(NodeBuilder.Entry("defaults", defaults[0].NameSpan, new YamlMap(byKind.ToList(), defaults[0].Span)));
        }

        body.Add(NodeBuilder.Entry("layers", nameSpan, LayerSequence.Read(items, span, build)));
        var namespaceEntry = NodeBuilder.Entry("namespace", nameSpan, NodeBuilder.Scalar(ns, nameSpan));
        return network
            ? new YamlMap(new[] { NodeBuilder.Entry("network", nameSpan, NodeBuilder.Scalar(name, nameSpan)), namespaceEntry }.Concat(body).ToList(), span)
            : NodeBuilder.Map(span, namespaceEntry, NodeBuilder.Entry("blocks", nameSpan, NodeBuilder.Map(span, NodeBuilder.Entry(name, nameSpan, new YamlMap(body, span)))));
    }

    /// <summary><c>[Param("planes", typeof(int))]</c> → <c>planes: int</c>; <c>[Param("stride", 1)]</c> → <c>stride: int = 1</c>.</summary>
    private static YamlMap? Params(IReadOnlyList<AttributeItem> items, NodeBuilder build)
    {
        var declared = items.Where(i => i.Name == "Param").ToList();
        if (declared.Count == 0)
        {
            return null;
        }

        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        foreach (var item in declared)
        {
            if (item.Get("name") is not { Value.Value: string name } nameArgument || item.Get("type_or_default") is not { } typed)
            {
                build.Bad(item.Name, "name", "a parameter name", "null", item.Span);
                continue;
            }

            var value = typed.Value;
            var declaration = value.Kind switch
            {
                TypedConstantKind.Type => value.Value is ITypeSymbol { SpecialType: var special } ? TypeName(special) : null,
                TypedConstantKind.Primitive when value.Value is int or double or float => TypeName(value.Type!.SpecialType) + " = " + NodeBuilder.Number(value.Value!),
                _ => null,
            };
            if (declaration is null)
            {
                build.Bad(item.Name, "typeOrDefault", "typeof(int), typeof(double) or a default value (an int or a double)", NodeBuilder.Describe(value), typed.Span);
                continue;
            }

            build.Add(entries, NodeBuilder.Entry(name, nameArgument.Span, NodeBuilder.Scalar(declaration, typed.Span)));
        }

        return new YamlMap(entries, declared[0].Span);
    }

    private static string? TypeName(SpecialType type) => type switch
    {
        SpecialType.System_Int32 => "int",
        SpecialType.System_Double or SpecialType.System_Single => "float",
        _ => null,
    };
}
