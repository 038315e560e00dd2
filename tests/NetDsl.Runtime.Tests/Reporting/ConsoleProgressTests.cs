using System.IO;
using NetDsl.Runtime.Reporting;
using Spectre.Console;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void RedirectedOutputGetsPlainLines()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        using var progress = new ConsoleProgress(console, plainEvery: 2);

        progress.OnStart(ReportFactory.Start(0));
        for (var b = 0; b < 4; b++)
        {
            progress.OnBatch(new BatchReport(0, b, 4, b, 1.25, 0.5, 0.1, 321));
        }

        progress.OnEpoch(ReportFactory.Epoch(0, 1.0, 0.6, withValidation: true));
        progress.OnEnd(new TrainingResult([], 0, "best.ckpt"));

        var text = output.ToString();
        Assert.Contains("Training 3 epochs of 10 batches on cpu.", text);
        Assert.Contains("epoch 1/3  loss 1.2500  acc 50.0%  321 img/s  lr 0.1  [2/4]", text);
        Assert.Contains("[4/4]", text);
        Assert.DoesNotContain("[1/4]", text);
        Assert.Contains("val acc 55.00%", text);
        Assert.Contains("Best epoch: 1 (best.ckpt).", text);
        Assert.False(text.Contains('\u001b', System.StringComparison.Ordinal), "plain output must not hold ANSI escapes");
    }

    [Fact]
    public void AnInteractiveConsoleGetsALiveDisplay()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.Yes,
        });
        console.Profile.Width = 160;
        using var progress = new ConsoleProgress(console, live: true);

        progress.OnStart(ReportFactory.Start(0));
        for (var b = 0; b < 3; b++)
        {
            progress.OnBatch(new BatchReport(0, b, 3, b, 0.75, 0.5, 0.1, 99));
        }

        progress.OnEpoch(ReportFactory.Epoch(0, 0.5, 0.8, withValidation: false));
        progress.OnEnd(new TrainingResult([], 0, null));

        var text = output.ToString();
        Assert.Contains("epoch 1/3  loss 0.5000  acc 80.00%", text);
        Assert.True(text.Contains('\u001b', System.StringComparison.Ordinal), "a live display draws with ANSI escapes");
        Assert.Contains("Best epoch: 1.", text);
    }
}
