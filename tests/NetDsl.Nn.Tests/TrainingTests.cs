using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Nn.Tests;

// Loading libtorch at all proves the build-time GLIBCXX fix on hosts whose libstdc++ is older than GCC 13's.
public sealed class TrainingTests
{
    [Fact]
    public void SmallConvNetTrainsOnRandomData()
    {
        manual_seed(7);
        using var model = nn.Sequential(
            ("0", new ConvNormAct(3, 8, (3, 3), padding: (1, 1))),
            ("1", new NormActConv(8, 16, (3, 3), stride: (2, 2), padding: (1, 1))),
            ("2", nn.AdaptiveAvgPool2d(1)),
            ("3", nn.Flatten()),
            ("4", nn.Linear(16, 4)));
        // Classes 0-2 brighten their own channel, class 3 none: learnable, but only by training.
        using var targets = randint(0, 4, [32]);
        using var brightened = nn.functional.one_hot(targets, 4).narrow(1, 0, 3).to_type(ScalarType.Float32).view(32, 3, 1, 1);
        using var noise = randn(32, 3, 16, 16);
        using var inputs = noise + brightened;
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.1, momentum: 0.9);

        var losses = Enumerable.Range(0, 20).Select(_ =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(inputs), targets);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }).ToList();

        Assert.All(losses, loss => Assert.True(float.IsFinite(loss)));
        Assert.True(losses[^1] < losses[0] * 0.5f, $"loss went from {losses[0]} to {losses[^1]}");
    }
}
