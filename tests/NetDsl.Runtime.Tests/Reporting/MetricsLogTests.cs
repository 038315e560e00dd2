using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Runtime.Reporting;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

public sealed class MetricsLogTests
{
    [Fact]
    public void WritesOneJsonLineAndOneCsvRowPerEpoch()
    {
        using var dir = new TempDirectory();
        var log = new MetricsLog(dir.Path, batchEvery: 5);

        log.OnStart(ReportFactory.Start(0));
        log.OnBatch(new BatchReport(0, 0, 10, 0, 2.3, 0.1, 0.1, 100));
        log.OnBatch(new BatchReport(0, 1, 10, 1, 2.2, 0.1, 0.1, 100));
        log.OnEpoch(ReportFactory.Epoch(0, 1.5, 0.6, withValidation: true));
        log.OnEpoch(ReportFactory.Epoch(1, 1.0, 0.7, withValidation: false));

        var lines = File.ReadAllLines(log.JsonLinesPath);
        Assert.Equal(3, lines.Length);
        using var batch = JsonDocument.Parse(lines[0]);
        Assert.Equal("batch", batch.RootElement.GetProperty("type").GetString());
        using var epoch = JsonDocument.Parse(lines[1]);
        Assert.Equal(0.55, epoch.RootElement.GetProperty("validation").GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal("NaN", epoch.RootElement.GetProperty("train").GetProperty("per_class_accuracy")[1].GetString());
        var csv = File.ReadAllLines(log.CsvPath);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("epoch,train_loss,", csv[0]);
        Assert.Equal(csv[0].Split(',').Length, csv[2].Split(',').Length);
        Assert.Equal(
            "epoch,train_loss,train_accuracy,train_top1_error,train_top3_error,train_top5_error,val_loss,val_accuracy,val_top1_error,val_top3_error,val_top5_error," +
            "learning_rate,seconds,images_per_second,data_wait_seconds,is_best",
            csv[0]);
        Assert.Equal("1,1,0.7,0.30000000000000004,0.02,0.01,,,,,,0.1,2.5,400,0.125,false", csv[2]);
        Assert.Equal(0.01, epoch.RootElement.GetProperty("validation").GetProperty("top5_error").GetDouble(), 12);
        Assert.Equal(0.02, epoch.RootElement.GetProperty("train").GetProperty("top3_error").GetDouble(), 12);
    }

    [Fact]
    public void TheColumnsFollowTheRunsTopKAndLeaveOutKsAnEpochDidNotReport()
    {
        using var dir = new TempDirectory();
        var log = new MetricsLog(dir.Path);

        log.OnStart(ReportFactory.Start(0) with { TopK = [1, 2] });
        log.OnEpoch(ReportFactory.Epoch(0, 1.5, 0.5, withValidation: false));

        var csv = File.ReadAllLines(log.CsvPath);
        Assert.StartsWith("epoch,train_loss,train_accuracy,train_top1_error,train_top2_error,val_loss,", csv[0]);
        Assert.Equal("0,1.5,0.5,0.5,,,,,,0.1,2.5,400,0.125,true", csv[1]);
    }

    [Fact]
    public void TheReaderGivesBackTheEpochsTheLogWrote()
    {
        using var dir = new TempDirectory();
        var log = new MetricsLog(dir.Path, batchEvery: 1);
        var written = new[] { ReportFactory.Epoch(0, 1.5, 0.6, withValidation: true), ReportFactory.Epoch(1, 1.0, 0.7, withValidation: false) };
        log.OnStart(ReportFactory.Start(0));
        log.OnBatch(new BatchReport(0, 0, 10, 0, 2.3, 0.1, 0.1, 100));
        foreach (var epoch in written)
        {
            log.OnEpoch(epoch);
        }

        File.AppendAllText(log.JsonLinesPath, "{\"type\":\"epo");
        var read = MetricsLogReader.Read(dir.Path);

        Assert.Equal(2, read.Count);
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(written[i] with { Train = read[i].Train, Validation = read[i].Validation }, read[i]);
            Assert.Equal(written[i].Train.TopErrors, read[i].Train.TopErrors);
            Assert.Equal((written[i].Train.Loss, written[i].Train.Accuracy, written[i].Train.Count), (read[i].Train.Loss, read[i].Train.Accuracy, read[i].Train.Count));
            Assert.Equal(written[i].Train.PerClassAccuracy, read[i].Train.PerClassAccuracy);
        }

        Assert.Equal(written[0].Validation!.TopErrors, read[0].Validation!.TopErrors);
        Assert.Null(read[1].Validation);
    }

    [Fact]
    public void TheReaderNamesTheLineThatIsNotALogLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("metrics.jsonl"), ["{\"type\":\"epoch\",\"epoch\":0}", "{}"]);

        var error = Assert.Throws<InvalidDataException>(() => MetricsLogReader.Read(dir.File("metrics.jsonl")));

        Assert.Contains("metrics.jsonl(1): not a line of a NetDsl metrics log", error.Message);
    }

    [Fact]
    public void TheReaderSaysWhenAFolderIsNotARunFolder()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => MetricsLogReader.Read(dir.Path));

        Assert.Contains("has no metrics.jsonl; is it the --out folder of a training run?", error.Message);
    }

    [Fact]
    public void AResumedRunAppends()
    {
        using var dir = new TempDirectory();
        var first = new MetricsLog(dir.Path);
        first.OnStart(ReportFactory.Start(0));
        first.OnEpoch(ReportFactory.Epoch(0, 1.5, 0.6, withValidation: false));

        var resumed = new MetricsLog(dir.Path);
        resumed.OnStart(ReportFactory.Start(1));
        resumed.OnEpoch(ReportFactory.Epoch(1, 1.2, 0.65, withValidation: false));

        Assert.Equal(["0", "1"], File.ReadAllLines(resumed.CsvPath).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void AResumeDropsWhatAKilledRunLoggedAfterItsCheckpoint()
    {
        using var dir = new TempDirectory();
        var killed = new MetricsLog(dir.Path, batchEvery: 4);
        killed.OnStart(ReportFactory.Start(0));
        for (var step = 0; step < 18; step++)
        {
            killed.OnBatch(new BatchReport(step / 10, step % 10, 10, step, 2.0, 0.5, 0.1, 100));
            if (step == 9)
            {
                killed.OnEpoch(ReportFactory.Epoch(0, 1.5, 0.6, withValidation: false));
            }
        }

        File.AppendAllText(killed.JsonLinesPath, "{\"type\":\"batch\",\"ep");

        // The checkpoint was taken at step 13 of epoch 1 (3 batches in), after one finished epoch.
        var resumed = new MetricsLog(dir.Path, batchEvery: 4);
        resumed.OnStart(ReportFactory.Start(1, firstStep: 13));

        var lines = File.ReadAllLines(resumed.JsonLinesPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["batch 0", "batch 4", "batch 8", "epoch 0", "batch 12"], lines.Select(l => l.GetProperty("type").GetString() + " " + (l.TryGetProperty("step", out var s) ? s.GetInt64() : l.GetProperty("epoch").GetInt32())));
        Assert.Equal(2, File.ReadAllLines(resumed.CsvPath).Length);
    }
}
