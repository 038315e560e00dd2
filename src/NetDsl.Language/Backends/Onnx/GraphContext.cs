using NetDsl.Language.Analysis;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.Onnx;

/// <summary>What every class walker of one export shares: the graph being built, the network and its instance, the opset.</summary>
internal sealed class GraphContext
{
    public GraphContext(GraphBuilder builder, NetworkPlan network, NetworkInstance instance, int opset)
    {
        Builder = builder;
        Network = network;
        Instance = instance;
        Opset = opset;
    }

    public GraphBuilder Builder { get; }

    public NetworkPlan Network { get; }

    /// <summary>The shapes at the exported input and parameter values.</summary>
    public NetworkInstance Instance { get; }

    public int Opset { get; }

    /// <summary>Set when a layer needs the input's height and width fixed (an adaptive pool written as a fixed window).</summary>
    public bool NeedsFixedSize { get; set; }
}
