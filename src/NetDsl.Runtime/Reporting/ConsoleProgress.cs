using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using NetDsl.Runtime.Metrics;
using Spectre.Console;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Shows training progress: a live Spectre.Console display (a bar per epoch with loss, accuracy and images/s)
/// on an interactive terminal, or plain lines when output is redirected (logs, CI). Dispose it after training so
/// the live display ends even when training stops with an exception.
/// </summary>
public sealed class ConsoleProgress : ITrainingObserver, IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly int _plainEvery;
    private readonly bool _live;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<ProgressContext>? _context;
    private Task? _display;
    private ProgressTask? _epochTask;
    private int _epochs;

    /// <summary>Creates the display.</summary>
    /// <param name="console">The console; <see cref="AnsiConsole.Console"/> by default.</param>
    /// <param name="plainEvery">In plain mode, print a line every this many batches (and at every epoch's end).</param>
    /// <param name="live">Force the live display on or off; by default it is on for an interactive console whose output is not redirected.</param>
    public ConsoleProgress(IAnsiConsole? console = null, int plainEvery = 50, bool? live = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(plainEvery, 1);
        _console = console ?? AnsiConsole.Console;
        _plainEvery = plainEvery;
        _live = live ?? (_console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected);
    }

    /// <inheritdoc />
    public void OnStart(TrainingStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _epochs = start.Epochs;
        var resumed = (start.FirstEpoch, start.FirstBatch) switch
        {
            (_, > 0) => $", resuming at epoch {start.FirstEpoch + 1}, batch {start.FirstBatch + 1}",
            (> 0, _) => $", resuming at epoch {start.FirstEpoch + 1}",
            _ => string.Empty,
        };
        Plain($"Training {start.Epochs} epochs of {start.BatchesPerEpoch} batches on {start.Device}{resumed}.");
        if (!_live)
        {
            return;
        }

        _context = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = _context;
        _display = _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                context.SetResult(ctx);
                await _finished.Task.ConfigureAwait(false);
            });
    }

    /// <inheritdoc />
    public void OnBatch(BatchReport batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {batch.Epoch + 1}/{_epochs}  loss {batch.Loss:F4}  acc {batch.RunningAccuracy * 100:F1}%  {batch.ImagesPerSecond:F0} img/s  lr {batch.LearningRate:G3}");
        if (_context is null)
        {
            if ((batch.Batch + 1) % _plainEvery == 0)
            {
                Plain($"{text}  [{batch.Batch + 1}/{batch.BatchesPerEpoch}]");
            }

            return;
        }

        var ctx = _context.Task.GetAwaiter().GetResult();
        if (_epochTask is null || batch.Batch == 0)
        {
            _epochTask = ctx.AddTask(Markup.Escape(text), maxValue: batch.BatchesPerEpoch);
        }

        _epochTask.Description = Markup.Escape(text);
        _epochTask.Value = batch.Batch + 1;
    }

    /// <inheritdoc />
    public void OnEpoch(EpochReport epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        var validation = epoch.Validation is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"  val loss {v.Loss:F4}  val acc {v.Accuracy * 100:F2}%{(v.TopErrors.Count == 0 ? string.Empty : "  val " + TopErrors(v))}")
            : string.Empty;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {epoch.Epoch + 1}/{_epochs}  loss {epoch.Train.Loss:F4}  acc {epoch.Train.Accuracy * 100:F2}%{validation}  {epoch.ImagesPerSecond:F0} img/s  {epoch.Seconds:F1}s{(epoch.IsBest ? "  best" : string.Empty)}");
        if (_epochTask is not null)
        {
            _epochTask.Description = Markup.Escape(text);
            _epochTask.StopTask();
            _epochTask = null;
        }
        else
        {
            Plain(text);
        }
    }

    /// <inheritdoc />
    public void OnEnd(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Stop();
        if (result.BestEpoch >= 0)
        {
            Plain($"Best epoch: {result.BestEpoch + 1}{(result.BestCheckpoint is null ? string.Empty : " (" + result.BestCheckpoint + ")")}.");
        }
    }

    /// <summary>Ends the live display if it is still running.</summary>
    public void Dispose() => Stop();

    /// <summary>The top-k errors with one figure per k: <c>top-1/3/5 err 8.10/1.20/0.35%</c>.</summary>
    private static string TopErrors(MetricsSummary summary) =>
        $"top-{string.Join('/', summary.TopErrors.Select(e => e.K))} err {string.Join('/', summary.TopErrors.Select(e => (e.Error * 100).ToString("F2", CultureInfo.InvariantCulture)))}%";

    /// <summary>Writes a line as is: Spectre would wrap it at the console width, which splits log lines.</summary>
    private void Plain(string line) => _console.Profile.Out.Writer.WriteLine(line);

    private void Stop()
    {
        _finished.TrySetResult();
        _display?.GetAwaiter().GetResult();
        _display = null;
        _context = null;
    }
}
