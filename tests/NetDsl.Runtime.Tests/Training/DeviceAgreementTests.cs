using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class DeviceAgreementTests
{
    private static readonly ImageShape Input = new(1, 8, 8);

    [Fact]
    public void TheSameDeviceTwiceAgreesExactlyEvenWithDropout()
    {
        var seed = 0;
        var result = DeviceAgreement.Compare(() => { Trainer.Seed(seed++); return new TinyNet(3, dropout: 0.5); }, Input, batch: 8, classes: 3, torch.CPU, torch.CPU, seed: 4);

        Assert.Equal(0, result.StateDifference);
        Assert.Equal(0, result.UpdateDifference);
        Assert.Equal(result.ReferenceLoss, result.OtherLoss);
        Assert.True(result.ReferenceLoss > 0);
    }

    [Fact]
    public void TheBatchFollowsTheSeed()
    {
        var first = DeviceAgreement.Compare(() => { Trainer.Seed(0); return new TinyNet(3); }, Input, 8, 3, torch.CPU, torch.CPU, seed: 1);
        var second = DeviceAgreement.Compare(() => { Trainer.Seed(0); return new TinyNet(3); }, Input, 8, 3, torch.CPU, torch.CPU, seed: 2);

        Assert.NotEqual(first.ReferenceLoss, second.ReferenceLoss);
    }
}
