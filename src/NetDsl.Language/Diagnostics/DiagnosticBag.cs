using System.Collections.Generic;
using NetDsl.Language.Model;

namespace NetDsl.Language.Diagnostics;

/// <summary>Collects diagnostics in report order, dropping repeats of one id at one span.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<SpecDiagnostic> _items = new();
    private readonly HashSet<(string, SourceSpan)> _seen = new();

    public bool HasErrors { get; private set; }

    public void Add(SpecDiagnostic diagnostic)
    {
        if (_seen.Add((diagnostic.Id, diagnostic.Span)))
        {
            _items.Add(diagnostic);
            HasErrors |= diagnostic.Severity == Severity.Error;
        }
    }

    public void Add(DiagnosticDescriptor descriptor, SourceSpan span, params object[] args) => Add(descriptor.Create(span, args));

    public EquatableArray<SpecDiagnostic> ToArray() => _items.ToEquatableArray();
}
