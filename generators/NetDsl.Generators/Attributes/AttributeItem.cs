using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Language.Model;

namespace NetDsl.Generators.Attributes;

/// <summary>
/// One NetDsl attribute on the declaring class with its arguments keyed by YAML name and the syntax they were
/// written with (for spans). Lives only inside the transform: it holds Roslyn objects.
/// </summary>
internal sealed class AttributeItem
{
    private AttributeItem(string name, SourceSpan span, SourceSpan nameSpan, IReadOnlyList<AttributeArgument> arguments)
    {
        Name = name;
        Span = span;
        NameSpan = nameSpan;
        Arguments = arguments;
    }

    /// <summary>The attribute class's name without <c>Attribute</c>: <c>Conv</c>, <c>Branch</c>, …</summary>
    public string Name { get; }

    public SourceSpan Span { get; }

    /// <summary>The span of the attribute's name, where a layer's kind is "written".</summary>
    public SourceSpan NameSpan { get; }

    /// <summary>Constructor arguments first, in parameter order, then named arguments in written order.</summary>
    public IReadOnlyList<AttributeArgument> Arguments { get; }

    public AttributeArgument? Get(string key) => Arguments.FirstOrDefault(a => a.Key == key);

    /// <summary>The class's NetDsl attributes written on <paramref name="declaration"/>, in written order.</summary>
    public static List<AttributeItem> Read(ISymbol symbol, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var items = new List<(int Position, AttributeItem Item)>();
        foreach (var data in symbol.GetAttributes())
        {
            if (data.AttributeClass is not { } type
                || type.ContainingNamespace?.ToDisplayString() != DeclarationNames.Namespace
                || data.AttributeConstructor is not { } constructor
                || data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax
                || syntax.SyntaxTree != declaration.SyntaxTree
                || !declaration.Span.Contains(syntax.Span))
            {
                continue;
            }

            var name = type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;
            var item = new AttributeItem(name, Spans.Of(syntax), Spans.Of(syntax.Name), ReadArguments(data, constructor, syntax));
            items.Add((syntax.SpanStart, item));
        }

        return items.OrderBy(i => i.Position).Select(i => i.Item).ToList();
    }

    private static List<AttributeArgument> ReadArguments(AttributeData data, IMethodSymbol constructor, AttributeSyntax syntax)
    {
        var written = syntax.ArgumentList?.Arguments ?? default;
        var positional = written.Where(a => a.NameEquals is null).ToList();
        var byParameter = constructor.Parameters.Select(_ => new List<ExpressionSyntax>()).ToList();
        for (var i = 0; i < positional.Count; i++)
        {
            var argument = positional[i];
            var index = argument.NameColon is { } colon
                ? constructor.Parameters.Select(p => p.Name).ToList().IndexOf(colon.Name.Identifier.ValueText)
                : System.Math.Min(i, constructor.Parameters.Length - 1);
            if (index >= 0)
            {
                byParameter[index].Add(argument.Expression);
            }
        }

        var arguments = new List<AttributeArgument>();
        for (var i = 0; i < constructor.Parameters.Length && i < data.ConstructorArguments.Length; i++)
        {
            var parameter = constructor.Parameters[i];
            var expressions = byParameter[i];
            var fallback = expressions.Count > 0 ? Spans.Of(expressions[0]) : Spans.Of(syntax);
            var value = data.ConstructorArguments[i];
            var single = expressions.Count == 1 ? expressions[0] : null;
            var elements = parameter.IsParams && (single is null || Initializer(single) is null) ? expressions : Initializer(single);
            arguments.Add(new AttributeArgument(DeclarationNames.Key(parameter.Name), value, single, elements, fallback, fallback));
        }

        foreach (var named in data.NamedArguments)
        {
            var argument = written.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == named.Key);
            var span = argument is null ? Spans.Of(syntax) : Spans.Of(argument.Expression);
            var keySpan = argument?.NameEquals is { } equals ? Spans.Of(equals.Name) : span;
            arguments.Add(new AttributeArgument(DeclarationNames.Key(named.Key), named.Value, argument?.Expression, Initializer(argument?.Expression), span, keySpan));
        }

        return arguments;
    }

    /// <summary>The element expressions of <c>new[] { 1, 7 }</c>, <c>new object[] { … }</c> or <c>[1, 7]</c>.</summary>
    public static IReadOnlyList<ExpressionSyntax>? Initializer(ExpressionSyntax? expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        _ => null,
    };
}

/// <summary>
/// One argument: its value as the compiler folded it (so <c>const</c> fields work), the expression it was
/// written as, and, for a <c>params</c> array given element by element, those elements' expressions.
/// </summary>
internal sealed record AttributeArgument(
    string Key,
    TypedConstant Value,
    ExpressionSyntax? Syntax,
    IReadOnlyList<ExpressionSyntax>? Elements,
    SourceSpan Span,
    SourceSpan KeySpan);
