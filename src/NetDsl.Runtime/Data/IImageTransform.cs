using System;

namespace NetDsl.Runtime.Data;

/// <summary>One step of an <see cref="ImagePipeline"/>: maps a channels-first float image to another.</summary>
public interface IImageTransform
{
    /// <summary>The shape this transform produces from an image of shape <paramref name="input"/>.</summary>
    ImageShape OutputShape(ImageShape input);

    /// <summary>
    /// Writes the transformed <paramref name="input"/> (shaped <paramref name="shape"/>) to <paramref name="output"/>
    /// (shaped <see cref="OutputShape"/>). Random choices come from <paramref name="random"/> only, so a seeded
    /// generator makes them repeatable.
    /// </summary>
    void Apply(ReadOnlySpan<float> input, ImageShape shape, Span<float> output, Random random);
}
