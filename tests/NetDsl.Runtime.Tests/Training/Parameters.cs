using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

internal static class Parameters
{
    /// <summary>A copy of every state-dict entry as floats, by name.</summary>
    public static Dictionary<string, float[]> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray());
}
