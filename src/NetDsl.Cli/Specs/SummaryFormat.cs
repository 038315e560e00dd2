namespace NetDsl.Cli.Specs;

/// <summary>How <c>netdsl summary</c> writes its table.</summary>
public enum SummaryFormat
{
    /// <summary>Aligned columns for a terminal.</summary>
    Text,

    /// <summary>A GitHub-flavoured Markdown table (what docs/zoo.md embeds).</summary>
    Markdown,
}
