using System.Globalization;
using Spectre.Console;

namespace NetDsl.Cli.Prediction;

/// <summary>Writes one image's top classes as a table titled with the file.</summary>
internal static class PredictionTable
{
    /// <summary>Writes <paramref name="prediction"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, ImagePrediction prediction)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(prediction.Path)) }
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
