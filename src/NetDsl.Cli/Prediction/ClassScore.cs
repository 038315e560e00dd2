namespace NetDsl.Cli.Prediction;

/// <summary>One class of an image's top k.</summary>
/// <param name="Index">The class's index in the network's output.</param>
/// <param name="Name">The class's name, or its index when no names are known.</param>
/// <param name="Probability">The softmax probability, 0 to 1.</param>
internal sealed record ClassScore(int Index, string Name, float Probability);
