using NetDsl.Language.Model;

namespace NetDsl.Language.Emit
{
    /// <summary>What one spec file turns into: its C# (null when it has errors) and its diagnostics.</summary>
    public sealed record PipelineResult(string? Source, EquatableArray<SpecDiagnostic> Diagnostics);
}
