using System.Globalization;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Diagram;

/// <summary>
/// The diagram back end: draws a network's resolved plan, with the shapes of its instance, as SVG or as a Mermaid
/// flowchart. Layers are boxes with their output shapes; concat branches stand side by side; a residual's skip runs
/// around its body into the addition; a run of identical block uses is drawn once with its count unless
/// <c>expand</c> is set. The same plan always gives the same text.
/// </summary>
public static class NetworkDiagram
{
    /// <summary>An SVG document of <paramref name="network"/>.</summary>
    public static string Svg(NetworkPlan network, bool expand) =>
        SvgDiagram.Draw(DiagramBuilder.Build(network, expand), Caption(network), expand ? ExpandedLegend : Legend);

    /// <summary>A Markdown fragment: a caption line and a Mermaid flowchart of <paramref name="network"/>.</summary>
    public static string Mermaid(NetworkPlan network, bool expand) =>
        MermaidDiagram.Print(DiagramBuilder.Build(network, expand), Caption(network));

    private const string Legend = "Boxes: layer · output shape (C×H×W). A conv's box includes its batch norm and activation. Red: residual skips. ×N: N identical blocks drawn once.";

    private const string ExpandedLegend = "Boxes: layer · output shape (C×H×W). A conv's box includes its batch norm and activation. Red: residual skips.";

    private static string Caption(NetworkPlan network)
    {
        var summary = network.Summary;
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0}: input {1}, {2:N0} parameters, {3:N0} multiply-adds",
            network.Class.Name,
            Labels.Shape(summary.Input),
            summary.Parameters,
            summary.MultiplyAdds);
    }
}
