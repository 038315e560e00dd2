using static TorchSharp.torch;

namespace NetDsl.Testing;

/// <summary>Batch norms with random statistics and affine parameters (linked into the test projects that need it).</summary>
internal static class RandomNorms
{
    /// <summary>Randomises every 2-D batch norm of <paramref name="model"/>, so that a norm in the wrong place, or folded wrongly, changes the outputs.</summary>
    public static void Apply(nn.Module model)
    {
        using var _ = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            if (module is TorchSharp.Modules.BatchNorm2d norm)
            {
                var channels = norm.weight!.shape[0];
                norm.running_mean!.copy_(randn(channels) * 0.1);
                norm.running_var!.copy_(rand(channels) + 0.5);
                norm.weight.copy_(rand(channels) + 0.5);
                norm.bias!.copy_(randn(channels) * 0.1);
            }
        }
    }
}
