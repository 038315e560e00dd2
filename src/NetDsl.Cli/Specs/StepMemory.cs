using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Language.Model;
using NetDsl.Runtime.Training;

namespace NetDsl.Cli.Specs;

/// <summary>
/// An estimate of the memory one float32 training step needs, from a network's summary: the parameters; a gradient
/// for every trainable one; the optimizer's state per trainable parameter (a momentum buffer for SGD, two moments for
/// Adam and AdamW, a square average and a momentum buffer for RMSProp); and the activations autograd keeps for the
/// backward pass. Those are counted as the input and every module's output (a wrapped conv–norm–activation's two:
/// the conv's and the activation's; a flatten's none, being a view), which is what a conv → norm → activation
/// chain saves, plus two of the largest outputs for the gradients flowing back through it. libtorch's workspace,
/// the data loader's batches and the allocator's slack come on top.
/// </summary>
internal sealed record StepMemory(int BatchSize, string Optimizer, long Parameters, long Gradients, long OptimizerState, long Activations)
{
    private const int BytesPerValue = sizeof(float);

    /// <summary>All of it, in bytes.</summary>
    public long Total => Parameters + Gradients + OptimizerState + Activations;

    /// <summary>The estimate for <paramref name="summary"/> at <paramref name="batchSize"/> with <paramref name="trainable"/> parameters trained by <paramref name="optimizer"/>.</summary>
    public static StepMemory Estimate(NetworkSummary summary, long trainable, int batchSize, string optimizerName, OptimizerSettings optimizer)
    {
        var rows = summary.Layers;
        var leaves = rows.Where((row, i) => i + 1 == rows.Count || !rows[i + 1].Path.StartsWith(row.Path + ".", System.StringComparison.Ordinal)).ToList();
        long Elements(TensorShape shape) => shape.Dims.Aggregate(1L, (product, d) => product * d);
        var kept = Elements(summary.Input) + leaves.Where(l => l.Kind != "Flatten").Sum(l => Elements(l.Output) * (l.Kind is "ConvNormAct" or "NormActConv" ? 2 : 1));
        var flowing = 2 * leaves.Select(l => Elements(l.Output)).DefaultIfEmpty(0).Max();
        var buffers = optimizer.Kind switch
        {
            OptimizerKind.Sgd => optimizer.Momentum > 0 ? 1 : 0,
            OptimizerKind.RmsProp => optimizer.Momentum > 0 ? 2 : 1,
            _ => 2,
        };
        return new StepMemory(
            batchSize,
            $"{optimizerName}: {buffers} per trainable parameter",
            summary.Parameters * BytesPerValue,
            trainable * BytesPerValue,
            trainable * buffers * BytesPerValue,
            (long)batchSize * (kept + flowing) * BytesPerValue);
    }

    /// <summary>The estimate as a few lines (text) or a small table (Markdown).</summary>
    public string Render(SummaryFormat format)
    {
        (string Part, long Bytes, string What)[] parts =
        [
            ("parameters", Parameters, "float32"),
            ("gradients", Gradients, "trainable parameters"),
            ("optimizer state", OptimizerState, Optimizer),
            ("activations", Activations, "kept for the backward pass"),
        ];
        var text = new StringBuilder();
        var heading = $"One training step at batch size {BatchSize}, estimated: {MiB(Total)}";
        if (format == SummaryFormat.Markdown)
        {
            text.Append("**").Append(heading).Append("**\n\n| Part | Memory | Counts |\n| --- | ---: | --- |\n");
            foreach (var (part, bytes, what) in parts)
            {
                text.Append("| ").Append(part).Append(" | ").Append(MiB(bytes)).Append(" | ").Append(what).Append(" |\n");
            }

            return text.ToString();
        }

        text.Append(heading).Append('\n');
        var width = parts.Max(p => MiB(p.Bytes).Length);
        foreach (var (part, bytes, what) in parts)
        {
            text.Append("  ").Append(part.PadRight(16)).Append(MiB(bytes).PadLeft(width)).Append("  ").Append(what).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>12.5 MiB</c>, or KiB below one MiB so that a small head's gradients do not read as nothing.</summary>
    private static string MiB(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB"
        : (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.InvariantCulture) + " MiB";
}
