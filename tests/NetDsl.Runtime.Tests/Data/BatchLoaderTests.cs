using System;
using System.Linq;
using System.Threading;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class BatchLoaderTests
{
    private static readonly ImageShape Shape = new(1, 2, 2);

    [Fact]
    public void YieldsAShortLastBatchInOrderWithoutShuffle()
    {
        var loader = new BatchLoader(Synthetic.Indexed(10, Shape), batchSize: 4);

        var batches = loader.Epoch(0).ToList();

        Assert.Equal(3, loader.BatchCount);
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal([8L, 9L], batches[2].Labels);
        Assert.Equal(9 / 255f, batches[2].Images[4]);
        Assert.Equal([0, 1, 2], batches.Select(b => b.Index));
    }

    [Fact]
    public void DropLastDropsTheShortBatch()
    {
        var loader = new BatchLoader(Synthetic.Indexed(10, Shape), batchSize: 4, dropLast: true);

        Assert.Equal(2, loader.Epoch(0).Count());
    }

    [Fact]
    public void ShuffleIsAPermutationFixedBySeedAndEpoch()
    {
        var data = Synthetic.Indexed(50, Shape, classes: 50);
        var a = new BatchLoader(data, 8, shuffle: true, seed: 3);
        var b = new BatchLoader(data, 8, shuffle: true, seed: 3);

        var epoch0 = a.Epoch(0).SelectMany(x => x.Labels).ToArray();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), epoch0.Order());
        Assert.Equal(epoch0, b.Epoch(0).SelectMany(x => x.Labels));
        Assert.NotEqual(epoch0, a.Epoch(1).SelectMany(x => x.Labels));
        Assert.NotEqual(epoch0, new BatchLoader(data, 8, shuffle: true, seed: 4).Epoch(0).SelectMany(x => x.Labels));
    }

    [Fact]
    public void AugmentationIsRepeatableForAGivenSeedAndEpoch()
    {
        var data = Synthetic.Bands(20, 2, 8, seed: 1);
        var pipeline = new ImagePipeline(data.Shape, new RandomCrop(8, 8, 2), new HorizontalFlip());
        var first = new BatchLoader(data, 5, pipeline, shuffle: true, seed: 9).Epoch(2).SelectMany(b => b.Images).ToArray();
        var second = new BatchLoader(data, 5, pipeline, shuffle: true, seed: 9).Epoch(2).SelectMany(b => b.Images).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void PreparesBatchesAheadOnAnotherThread()
    {
        var consumer = Environment.CurrentManagedThreadId;
        var transform = new ThreadRecorder();
        var data = Synthetic.Indexed(12, Shape);
        var loader = new BatchLoader(data, 2, new ImagePipeline(Shape, transform), prefetch: 2);

        using var batches = loader.Epoch(0).GetEnumerator();
        Assert.True(batches.MoveNext());
        SpinWait.SpinUntil(() => transform.Calls >= 6, TimeSpan.FromSeconds(5));

        Assert.DoesNotContain(consumer, transform.Threads);
        Assert.True(transform.Calls >= 6, $"only {transform.Calls} images were prepared ahead");
        Assert.True(transform.Calls <= 8, $"{transform.Calls} images prepared: the queue is not bounded");
    }

    [Fact]
    public void ProducerFailureSurfacesInTheConsumer()
    {
        var data = Synthetic.Indexed(6, Shape);
        var loader = new BatchLoader(data, 2, new ImagePipeline(Shape, new Failing()));

        var e = Assert.Throws<InvalidOperationException>(() => loader.Epoch(0).ToList());

        Assert.Equal("boom", e.Message);
    }

    [Fact]
    public void StoppingEarlyStopsTheProducer()
    {
        var loader = new BatchLoader(Synthetic.Indexed(1000, Shape), 1, prefetch: 1);

        var first = loader.Epoch(0).First();

        Assert.Equal(0, first.Index);
    }

    private sealed class ThreadRecorder : IImageTransform
    {
        private int _calls;

        public System.Collections.Concurrent.ConcurrentBag<int> Threads { get; } = [];

        public int Calls => Volatile.Read(ref _calls);

        public ImageShape OutputShape(ImageShape input) => input;

        public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            Interlocked.Increment(ref _calls);
            input.CopyTo(output);
        }
    }

    private sealed class Failing : IImageTransform
    {
        public ImageShape OutputShape(ImageShape input) => input;

        public void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random) =>
            throw new InvalidOperationException("boom");
    }
}
