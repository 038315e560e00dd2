using System.Globalization;
using NetDsl.Language.Model;

namespace NetDsl.Language.Diagnostics;

/// <summary>A kind of problem: a stable id, a title, a message format and where it is documented.</summary>
public sealed record DiagnosticDescriptor(string Id, string Title, string MessageFormat, Severity Severity = Severity.Error)
{
    /// <summary>The section of <c>docs/diagnostics.md</c> that explains this diagnostic.</summary>
    public string HelpLink => "docs/diagnostics.md#" + Id.ToLowerInvariant();

    /// <summary>A diagnostic of this kind at <paramref name="span"/>.</summary>
    public SpecDiagnostic Create(SourceSpan span, params object[] args) =>
        new(Id, Severity, string.Format(CultureInfo.InvariantCulture, MessageFormat, args), span);
}
