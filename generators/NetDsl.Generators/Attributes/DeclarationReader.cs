using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Language;
using NetDsl.Language.Diagnostics;
using NetDsl.Language.Model;
using NetDsl.Language.Syntax;

namespace NetDsl.Generators.Attributes
{
    /// <summary>
    /// The transform of the attribute front end: a class with <c>[NetBlock]</c> or <c>[Network]</c> becomes the
    /// spec tree a <c>.net.yaml</c> file would give, lowered by the core, so both front ends share one IR and one
    /// set of checks. The result is plain data (no symbols, syntax or locations). Never throws.
    /// </summary>
    internal static class DeclarationReader
    {
        public static ParsedFile? ReadBlock(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            Read(context, network: false, cancellationToken);

        public static ParsedFile? ReadNetwork(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            Read(context, network: true, cancellationToken);

        private static ParsedFile? Read(GeneratorAttributeSyntaxContext context, bool network, CancellationToken cancellationToken) =>
            context.TargetSymbol is INamedTypeSymbol type && context.TargetNode is ClassDeclarationSyntax declaration
                ? Read(type, declaration, network, cancellationToken)
                : null;

        /// <summary>Reads one declaring class, as a block or as a network.</summary>
        public static ParsedFile? Read(INamedTypeSymbol type, ClassDeclarationSyntax declaration, bool network, CancellationToken cancellationToken)
        {
            var path = declaration.SyntaxTree.FilePath;
            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
            var hintName = (ns.Length > 0 ? ns + "." : string.Empty) + type.Name + ".g.cs";
            try
            {
                var items = AttributeItem.Read(type, declaration, cancellationToken);
                if (network && items.Any(i => i.Name == "NetBlock"))
                {
                    // The block reader reports the class that has both.
                    return null;
                }

                var diagnostics = new List<SpecDiagnostic>();
                var problems = Problems(type, declaration, items, network).ToList();
                if (problems.Count > 0)
                {
                    diagnostics.Add(DiagnosticDescriptors.BadDeclaringClass.Create(Spans.Of(declaration.Identifier), type.Name, network ? "network" : "block", string.Join("; ", problems)));
                }

                var root = DeclarationTree.Build(type.Name, ns, declaration, items, network, new NodeBuilder(diagnostics));
                var lowered = SpecParser.Lower(path, root, ns.Length > 0 ? ns : NetDslGenerator.FallbackNamespace);
                var consequences = diagnostics.Where(d => d.Id == DiagnosticDescriptors.BadAttributeArgument.Id).Select(d => d.Span).ToList();
                var core = lowered.Diagnostics.Where(d => !consequences.Any(dropped => Encloses(d.Span, dropped)));
                return new ParsedFile(hintName, path, new ParseResult(lowered.File, diagnostics.Concat(core).ToEquatableArray()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var failure = DiagnosticDescriptors.InternalError.Create(SourceSpan.None(path), "while reading the attributes of '" + type.Name + "': " + e.GetType().Name + ": " + e.Message);
                return new ParsedFile(hintName, path, new ParseResult(null, EquatableArray.Of(failure)));
            }
        }

        /// <summary>
        /// Whether <paramref name="outer"/> holds <paramref name="inner"/>: a value the reader refused is left out of
        /// the tree, and the core's "requires 'k'" at the enclosing attribute is only a consequence of it.
        /// </summary>
        private static bool Encloses(SourceSpan outer, SourceSpan inner) =>
            outer.Path == inner.Path && outer.StartOffset <= inner.StartOffset && inner.EndOffset <= outer.EndOffset;

        /// <summary>Why the generated part (<c>public sealed partial class X : Module&lt;Tensor, Tensor&gt;</c> in X's namespace) could not complete the class.</summary>
        private static IEnumerable<string> Problems(INamedTypeSymbol type, ClassDeclarationSyntax declaration, IReadOnlyList<AttributeItem> items, bool network)
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                yield return "it is not partial (write 'public partial class " + type.Name + "')";
            }

            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                yield return "it is not public (the generated part is public)";
            }

            if (type.ContainingType is { } outer)
            {
                yield return "it is nested in '" + outer.Name + "' (declare it directly in a namespace)";
            }

            if (type.ContainingNamespace is null or { IsGlobalNamespace: true })
            {
                yield return "it is in the global namespace (the generated part needs a namespace)";
            }

            if (type.IsGenericType)
            {
                yield return "it is generic";
            }

            if (type.IsStatic || type.IsAbstract)
            {
                yield return (type.IsStatic ? "it is static" : "it is abstract") + " (the generated part is a sealed module)";
            }

            if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
            {
                yield return "it derives from '" + baseType.ToDisplayString() + "' (the generated part derives from Module<Tensor, Tensor>)";
            }

            if (!network && items.Any(i => i.Name == "Network"))
            {
                yield return "it has both [NetBlock] and [Network]";
            }
        }
    }
}
