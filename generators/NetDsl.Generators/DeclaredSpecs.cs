using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Generators.Attributes;
using NetDsl.Language;

namespace NetDsl.Generators;

/// <summary>
/// The C# attribute front end outside the compiler: every class of a compilation declared with <c>[NetBlock]</c>
/// or <c>[Network]</c>, read exactly as the generator reads it, so that <c>netdsl check</c> and <c>netdsl summary</c>
/// see the same specs as the build.
/// </summary>
public static class DeclaredSpecs
{
    /// <summary>One parse result per declaring class, in syntax-tree order.</summary>
    public static IReadOnlyList<ParseResult> Read(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var results = new List<ParseResult>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
                {
                    continue;
                }

                var attributes = type.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()).ToList();
                var network = !attributes.Contains(DeclarationNames.NetBlock) && attributes.Contains(DeclarationNames.Network);
                if ((network || attributes.Contains(DeclarationNames.NetBlock)) && DeclarationReader.Read(type, declaration, network, cancellationToken) is { } parsed)
                {
                    results.Add(parsed.Parsed);
                }
            }
        }

        return results;
    }
}
