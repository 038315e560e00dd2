using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Samples.Lessons;
using SkiaSharp;
using Xunit;

namespace NetDsl.Lessons.Tests;

/// <summary>
/// Each lesson as the sample runs it, in the tiny configuration of <c>--tiny</c> (256 training and 128 test images,
/// one epoch) on random images of Fashion-MNIST's shape: every network builds, trains, is evaluated and compared, and
/// every table and picture is written. The full runs are in docs/lessons.md.
/// </summary>
public sealed class LessonSmokeTests
{
    [Fact]
    public void Every_lesson_runs_in_its_tiny_configuration()
    {
        var output = Path.Combine(Path.GetTempPath(), "netdsl-lessons-" + Guid.NewGuid().ToString("N"));
        var settings = new LessonSettings(Images(256, seed: 1), Images(128, seed: 2), Epochs: 1, BatchSize: 64, LearningRate: 0.1, output, "cpu");
        var trained = new Dictionary<string, TrainedRun>();
        var reloaded = new Dictionary<string, TrainedRun>();
        try
        {
            Run(DegradationLesson.Run, DegradationLesson.Name);
            Run(ResidualInceptionLesson.Run, ResidualInceptionLesson.Name);
            var ensemble = Run(EnsembleLesson.Run, EnsembleLesson.Name);
            var first = File.ReadAllText(ensemble);

            // On its own, the ensemble lesson loads every run the lessons finished instead of training it again.
            var again = new LessonReport(Path.Combine(output, "again"));
            EnsembleLesson.Run(settings, again, reloaded);
            again.Save();
            Assert.Equal(["resnet-20", "resnet-20-seed1", "resnet-20-seed2", "resnet-56", "inception-resnet"], reloaded.Keys);
            Assert.Equal(first, File.ReadAllText(again.Path));

            Assert.Equal(["plain-20", "plain-56", "resnet-20", "resnet-56", "inception", "inception-resnet", "resnet-20-seed1", "resnet-20-seed2"], trained.Keys);
            Assert.Equal(trained["plain-56"].Parameters, trained["resnet-56"].Parameters);
            Assert.Equal(trained["inception"].Parameters, trained["inception-resnet"].Parameters);
            foreach (var (lesson, run) in new[] { ("degradation", "plain-56"), ("residual-inception", "inception-resnet"), ("ensemble", "resnet-20-seed2") })
            {
                Assert.Single(RunHistory.Load(Path.Combine(output, lesson, run)).Epochs);
                Assert.True(File.Exists(Path.Combine(output, lesson, run, "last.ckpt")), $"{lesson}/{run} has no checkpoint");
            }

            foreach (var picture in new[] { "degradation/comparison.png", "residual-inception/comparison.png", "residual-inception/comparison-time.png" })
            {
                using var bitmap = SKBitmap.Decode(Path.Combine(output, picture));
                Assert.Equal((RunComparisonPlot.Width, RunComparisonPlot.Height), (bitmap.Width, bitmap.Height));
            }

            var results = string.Concat(new[] { DegradationLesson.Name, ResidualInceptionLesson.Name, EnsembleLesson.Name }.Select(l => File.ReadAllText(Path.Combine(output, l, "results.md"))));
            Assert.Contains("## The degradation problem", results);
            Assert.Contains("| resnet-56 |      1 |", results);
            Assert.Contains("Training top-1 error after the last epoch: plain-56 is ", results);
            Assert.Contains("| inception-resnet |      1 |", results);
            Assert.Contains("Both twins have 302,826 parameters", results);
            Assert.Contains("](comparison.png)", results);
            Assert.Contains("](comparison-time.png)", results);
            Assert.Contains("| resnet-20-seed2 ", results);
            Assert.Contains("Three different networks trained by the other lessons", results);
            Assert.Equal(2, first.Split("| ensemble (mean of 3 softmax outputs) |").Length - 1);
        }
        finally
        {
            foreach (var run in trained.Values.Concat(reloaded.Values))
            {
                run.Dispose();
            }

            Directory.Delete(output, recursive: true);
        }

        string Run(Action<LessonSettings, LessonReport, Dictionary<string, TrainedRun>> lesson, string name)
        {
            var report = new LessonReport(Path.Combine(output, name));
            lesson(settings, report, trained);
            report.Save();
            return report.Path;
        }
    }

    /// <summary>Random 28×28 grey images with labels cycling through Fashion-MNIST's ten classes.</summary>
    private static ImageSet Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 28 * 28];
        random.NextBytes(pixels);
        return new ImageSet(pixels, [.. Enumerable.Range(0, count).Select(i => i % 10)], new ImageShape(1, 28, 28), MnistFormat.FashionMnistClasses);
    }
}
