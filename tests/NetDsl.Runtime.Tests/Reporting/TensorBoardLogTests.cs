using System.IO;
using NetDsl.Runtime.Reporting;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

[Collection(TorchCollection.Name)]
public sealed class TensorBoardLogTests
{
    [Fact]
    public void WritesAnEventFile()
    {
        using var dir = new TempDirectory();
        ITrainingObserver log = new TensorBoardLog(dir.Path, batchEvery: 1);

        log.OnStart(ReportFactory.Start(0));
        log.OnBatch(new BatchReport(0, 0, 1, 0, 0.7, 0.5, 0.1, 10));
        log.OnEpoch(ReportFactory.Epoch(0, 0.7, 0.5, withValidation: true));

        var files = Directory.GetFiles(dir.Path, "events.out.tfevents.*", SearchOption.AllDirectories);
        Assert.Single(files);
        Assert.True(new FileInfo(files[0]).Length > 100);
    }
}
