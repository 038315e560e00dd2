using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace NetDsl.Testing;

/// <summary>Runs an exported model in ONNX Runtime on a TorchSharp tensor (linked into the test projects that need it).</summary>
internal static class OnnxRun
{
    /// <summary>The model's outputs' names and the first output for <paramref name="input"/>, as a TorchSharp tensor.</summary>
    public static (string[] Outputs, Tensor Output) Run(string path, Tensor input)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(path, options);
        var data = input.contiguous().data<float>().ToArray();
        var dense = new DenseTensor<float>(data, input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), dense)]);
        var first = results.First().AsTensor<float>();
        return (session.OutputMetadata.Keys.ToArray(), tensor(first.ToArray(), first.Dimensions.ToArray().Select(d => (long)d).ToArray()));
    }
}
