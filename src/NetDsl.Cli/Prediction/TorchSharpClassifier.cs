using NetDsl.Runtime.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Cli.Prediction;

/// <summary>A generated TorchSharp network with its weights loaded, run in evaluation mode without gradients.</summary>
internal sealed class TorchSharpClassifier : IImageClassifier
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Device _device;
    private readonly int _classes;

    /// <summary>Takes <paramref name="model"/> (disposed with the classifier), moves it to <paramref name="device"/> and sets evaluation mode.</summary>
    public TorchSharpClassifier(nn.Module<Tensor, Tensor> model, string name, ImageShape input, int classes, Device device)
    {
        _model = model;
        _device = device;
        Name = name;
        Input = input;
        _classes = classes;
        _model.to(device);
        _model.eval();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ImageShape Input { get; }

    /// <inheritdoc />
    public int? BatchLimit => null;

    /// <inheritdoc />
    public int? Classes => _classes;

    /// <inheritdoc />
    public float[][] Probabilities(float[] images, int count)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = tensor(images, [count, Input.Channels, Input.Height, Input.Width]).to(_device);
        var logits = _model.call(batch);
        if (logits.dim() != 2 || logits.shape[0] != count || logits.shape[1] != _classes)
        {
            throw new CliException(ExitCodes.RunFailed, $"--model: {Name} returned [{string.Join(", ", logits.shape)}] for {count} images, not [{count}, {_classes}] logits.");
        }

        var probabilities = nn.functional.softmax(logits, 1).cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        var rows = new float[count][];
        for (var i = 0; i < count; i++)
        {
            rows[i] = probabilities[(i * _classes)..((i + 1) * _classes)];
        }

        return rows;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
