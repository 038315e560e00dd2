using System.Linq;
using NetDsl.Runtime.Training;
using Xunit;

namespace NetDsl.Runtime.Tests.Training;

public sealed class ScheduleTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.99, 1.0)]
    [InlineData(2.0, 0.94)]
    [InlineData(5.5, 0.94 * 0.94)]
    public void InceptionScheduleDecaysBy094EveryTwoEpochs(double epoch, double factor)
    {
        Assert.Equal(factor, OptimizerSettings.InceptionSchedule.Factor(epoch), 12);
    }

    [Fact]
    public void InceptionRmsPropHasThePaperSettings()
    {
        var s = OptimizerSettings.InceptionRmsProp();

        Assert.Equal((OptimizerKind.RmsProp, 0.045, 0.9, 1.0), (s.Kind, s.LearningRate, s.Alpha, s.Epsilon));
    }

    [Fact]
    public void ExponentialDecaysPerWholeEpoch()
    {
        var schedule = new ExponentialSchedule(0.5);

        Assert.Equal([1, 1, 0.5, 0.25], new[] { 0, 0.9, 1, 2.5 }.Select(schedule.Factor));
    }

    [Fact]
    public void CosineGoesFromOneToTheMinimum()
    {
        var schedule = new CosineSchedule(10, MinFactor: 0.1);

        Assert.Equal(1, schedule.Factor(0), 12);
        Assert.Equal(0.55, schedule.Factor(5), 12);
        Assert.Equal(0.1, schedule.Factor(10), 12);
        Assert.Equal(0.1, schedule.Factor(12), 12);
    }

    [Fact]
    public void WarmupRampsLinearlyThenDefersToTheInnerSchedule()
    {
        var schedule = new WarmupSchedule(2, new StepSchedule(3, 0.1), StartFactor: 0);

        Assert.Equal(0, schedule.Factor(0), 12);
        Assert.Equal(0.25, schedule.Factor(0.5), 12);
        Assert.Equal(1, schedule.Factor(2), 12);
        Assert.Equal(0.1, schedule.Factor(3), 12);
    }
}
