using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class StepBenchmarkTests
{
    [Fact]
    public void TimesEveryStepAfterTheWarmUpAndTrains()
    {
        Trainer.Seed(0);
        using var model = new TinyNet(3);
        var before = model.parameters().First().detach().clone();

        var timings = StepBenchmark.Run(model, new ImageShape(1, 8, 8), batch: 4, classes: 3, torch.CPU, warmupSteps: 2, timedSteps: 3);

        Assert.Equal(3, timings.StepMilliseconds.Count);
        Assert.All(timings.StepMilliseconds, ms => Assert.True(ms > 0));
        Assert.Equal(4 * 3 / (timings.StepMilliseconds.Sum() / 1000), timings.ImagesPerSecond, 6);
        Assert.False(before.allclose(model.parameters().First().detach()), "the steps left the weights unchanged");
    }

    [Fact]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() =>
        Assert.Equal(2.5, new StepTimings(1, [4.0, 1.0, 2.0, 3.0]).MedianMilliseconds);
}
