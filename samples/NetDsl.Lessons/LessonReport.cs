using System;
using System.IO;
using System.Text;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Samples.Lessons;

/// <summary>What a lesson found: printed as it comes, and kept as Markdown in <c>results.md</c> in the lesson's folder.</summary>
internal sealed class LessonReport(string output)
{
    private readonly StringBuilder _markdown = new();

    /// <summary>The Markdown file.</summary>
    public string Path { get; } = System.IO.Path.Combine(output, "results.md");

    /// <summary>Starts a lesson's section.</summary>
    public void Heading(string title) => Add($"## {title}\n");

    /// <summary>A paragraph of findings.</summary>
    public void Paragraph(string text) => Add(text + "\n");

    /// <summary>A table.</summary>
    public void Table(MarkdownTable table) => Add(table.ToString());

    /// <summary>A picture the lesson drew, by its path; the Markdown links it relative to <c>results.md</c>.</summary>
    public void Picture(string path, string description) =>
        Add($"![{description}]({System.IO.Path.GetRelativePath(output, path).Replace('\\', '/')})\n");

    /// <summary>Writes <see cref="Path"/> with what has been reported so far.</summary>
    public void Save()
    {
        Directory.CreateDirectory(output);
        File.WriteAllText(Path, _markdown.ToString());
    }

    private void Add(string text)
    {
        Console.WriteLine();
        Console.Write(text);
        _markdown.Append(text).Append('\n');
    }
}
