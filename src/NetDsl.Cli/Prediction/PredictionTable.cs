using System.Globalization;
using System.IO;
using Spectre.Console;

namespace NetDsl.Cli.Prediction;

/// <summary>Writes one image's top classes: the file on a line of its own (never wrapped), then a table.</summary>
internal static class PredictionTable
{
    /// <summary>Writes the file of <paramref name="prediction"/> to <paramref name="output"/> and its table to <paramref name="console"/> (which writes to the same stream).</summary>
    public static void Write(TextWriter output, IAnsiConsole console, ImagePrediction prediction)
    {
        output.WriteLine(prediction.Path);
        var table = new Table()
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("class")
            .AddColumn(new TableColumn("probability").RightAligned());
        for (var rank = 0; rank < prediction.Top.Count; rank++)
        {
            var score = prediction.Top[rank];
            table.AddRow(
                new Text((rank + 1).ToString(CultureInfo.InvariantCulture)),
                new Text(score.Name),
                new Text(score.Probability.ToString("P2", CultureInfo.InvariantCulture)));
        }

        console.Write(table);
    }
}
