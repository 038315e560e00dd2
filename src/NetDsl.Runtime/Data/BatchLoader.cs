using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Cuts an <see cref="ImageSet"/> into mini-batches: a seeded shuffle per epoch, an optional augmentation
/// pipeline, a short last batch unless <c>dropLast</c>, and batches prepared on a background thread into a
/// bounded queue, so the training step rarely waits for data.
/// </summary>
public sealed class BatchLoader
{
    private readonly ImagePipeline _pipeline;

    /// <summary>Creates a loader.</summary>
    /// <param name="data">The images.</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="pipeline">The transforms; null scales pixels to <c>[0, 1]</c> and nothing else.</param>
    /// <param name="shuffle">Whether each epoch visits the images in a new order (derived from <paramref name="seed"/> and the epoch).</param>
    /// <param name="seed">The seed for shuffling and augmentation.</param>
    /// <param name="dropLast">Whether to drop a short last batch.</param>
    /// <param name="prefetch">How many batches may wait, prepared, in the queue.</param>
    public BatchLoader(ImageSet data, int batchSize, ImagePipeline? pipeline = null, bool shuffle = false, int seed = 0, bool dropLast = false, int prefetch = 4)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefetch, 1);
        _pipeline = pipeline ?? new ImagePipeline(data.Shape);
        if (_pipeline.InputShape != data.Shape)
        {
            throw new ArgumentException($"The pipeline expects images shaped {_pipeline.InputShape} but the data set's are {data.Shape}.", nameof(pipeline));
        }

        Data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Prefetch = prefetch;
    }

    /// <summary>The images.</summary>
    public ImageSet Data { get; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch is shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed for shuffling and augmentation.</summary>
    public int Seed { get; }

    /// <summary>Whether a short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Capacity of the queue of prepared batches.</summary>
    public int Prefetch { get; }

    /// <summary>The shape of the images the batches hold.</summary>
    public ImageShape OutputShape => _pipeline.OutputShape;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? Data.Count / BatchSize : (Data.Count + BatchSize - 1) / BatchSize;

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the images.</summary>
    public int[] Order(int epoch)
    {
        var order = new int[Data.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (Shuffle)
        {
            new Random(SeedMixer.Mix(Seed, epoch)).Shuffle(order);
        }

        return order;
    }

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, prepared on a background thread. Stopping the enumeration
    /// early stops the producer; an exception while preparing a batch is rethrown here.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch, CancellationToken cancellationToken = default) => Epoch(epoch, 0, cancellationToken);

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/> from batch <paramref name="firstBatch"/> on: the same batches,
    /// with the same images and augmentation, as the whole epoch has from there, since both depend only on the seed,
    /// the epoch and the image. A run resumed mid-epoch continues with these.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch, int firstBatch, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstBatch);
        var order = Order(epoch);
        using var queue = new BlockingCollection<Batch>(Prefetch);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    var scratchA = new float[_pipeline.LargestSize];
                    var scratchB = new float[_pipeline.LargestSize];
                    for (var b = firstBatch; b < BatchCount; b++)
                    {
                        queue.Add(Prepare(order, epoch, b, scratchA, scratchB), stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
            {
                yield return batch;
            }

            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Wait(CancellationToken.None);
        }
    }

    private Batch Prepare(int[] order, int epoch, int index, float[] scratchA, float[] scratchB)
    {
        var start = index * BatchSize;
        var count = Math.Min(BatchSize, order.Length - start);
        var shape = _pipeline.OutputShape;
        var images = new float[count * shape.Size];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            var image = order[start + i];
            var random = new Random(SeedMixer.Mix(Seed, epoch, image));
            _pipeline.Apply(Data.Pixels(image), images.AsSpan(i * shape.Size, shape.Size), random, scratchA, scratchB);
            labels[i] = Data.Label(image);
        }

        return new Batch(images, labels, shape, index);
    }
}
