using System.Linq;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>The typeface of ScottPlot figures.</summary>
internal static class PlotFont
{
    /// <summary>
    /// A sans-serif family that is installed (Debian: fonts-dejavu-core). ScottPlot takes SkiaSharp's default
    /// typeface, which without fontconfig is whichever font file comes first, on Debian a serif one.
    /// </summary>
    public static string Sans { get; } =
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(SKFontManager.Default.FontFamilies.Contains) ?? ScottPlot.Fonts.Sans;
}
