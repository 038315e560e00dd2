using System.Collections.Generic;

namespace NetDsl.Cli.Prediction;

/// <summary>The classes an image most probably shows, most probable first.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Top">The top k classes.</param>
internal sealed record ImagePrediction(string Path, IReadOnlyList<ClassScore> Top);
