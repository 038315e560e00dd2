using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;

namespace NetDsl.Cli.Prediction;

/// <summary>
/// Classifies image files: each is decoded at the training images' shape (<see cref="ImageFile"/>, as
/// <see cref="ImageFolder"/> reads them), fitted and normalised by the training's pipeline, classified in batches,
/// and its top k classes kept.
/// </summary>
internal sealed class Predictor
{
    /// <summary>Images per batch, unless the classifier takes fewer.</summary>
    public const int BatchSize = 32;

    private readonly IImageClassifier _classifier;
    private readonly ImagePipeline _pipeline;
    private readonly IReadOnlyList<string>? _classNames;
    private readonly string _namesSource;
    private readonly int _top;

    /// <summary>Creates the predictor.</summary>
    /// <param name="classifier">The network.</param>
    /// <param name="pipeline">From the training images' shape to the network's normalised input.</param>
    /// <param name="classNames">The class names, or null to name classes by index.</param>
    /// <param name="namesSource">Where the class names come from, for the message when their count is wrong.</param>
    /// <param name="top">How many classes to keep per image.</param>
    public Predictor(IImageClassifier classifier, ImagePipeline pipeline, IReadOnlyList<string>? classNames, string namesSource, int top)
    {
        _classifier = classifier;
        _pipeline = pipeline;
        _classNames = classNames;
        _namesSource = namesSource;
        _top = top;
    }

    /// <summary>
    /// Classifies <paramref name="files"/> in order; a file that cannot be decoded is passed to
    /// <paramref name="unreadable"/> (with the reason) and left out.
    /// </summary>
    /// <exception cref="CliException">The class names do not match the network's output, or the network failed.</exception>
    public IReadOnlyList<ImagePrediction> Classify(IReadOnlyList<string> files, Action<string> unreadable)
    {
        var results = new List<ImagePrediction>();
        var limit = _classifier.BatchLimit ?? BatchSize;
        var size = _pipeline.OutputShape.Size;
        var images = new float[limit * size];
        var batch = new List<string>();
        // The pipeline has no random steps (no augmentation); Apply takes a generator all the same.
        var random = new Random(0);
        foreach (var file in files)
        {
            byte[] pixels;
            try
            {
                pixels = ImageFile.Decode(file, _pipeline.InputShape);
            }
            catch (InvalidDataException e)
            {
                unreadable(e.Message);
                continue;
            }

            _pipeline.Apply(pixels, images.AsSpan(batch.Count * size, size), random);
            batch.Add(file);
            if (batch.Count == limit)
            {
                Flush(images, batch, results);
            }
        }

        Flush(images, batch, results);
        return results;
    }

    private void Flush(float[] images, List<string> batch, List<ImagePrediction> results)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var size = _pipeline.OutputShape.Size;
        var rows = _classifier.Probabilities(batch.Count == images.Length / size ? images : images[..(batch.Count * size)], batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            results.Add(new ImagePrediction(batch[i], Top(rows[i])));
        }

        batch.Clear();
    }

    private List<ClassScore> Top(float[] probabilities)
    {
        if (_classNames is not null && _classNames.Count != probabilities.Length)
        {
            throw new CliException(
                ExitCodes.Usage,
                $"{_namesSource} name {_classNames.Count} classes but {_classifier.Name} has {probabilities.Length}; give one name per class with --classes, in the order the network was trained on.");
        }

        return probabilities
            .Select((p, c) => new ClassScore(c, _classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture), p))
            .OrderByDescending(s => s.Probability)
            .ThenBy(s => s.Index)
            .Take(_top)
            .ToList();
    }
}
