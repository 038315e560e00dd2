using NetDsl.Runtime.Data;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Ensembles;

/// <summary>One network of an ensemble, with the transforms that fit the shared images to its input.</summary>
/// <param name="Name">How reports name it (its checkpoint, say).</param>
/// <param name="Model">A classifier returning logits <c>[N, classes]</c>, trained; it is evaluated in evaluation mode.</param>
/// <param name="Pipeline">
/// The transforms from the data's images to the model's input (normalisation included): members may be different
/// networks with different inputs, as long as they classify the same images into the same classes.
/// </param>
public sealed record EnsembleMember(string Name, nn.Module<Tensor, Tensor> Model, ImagePipeline Pipeline);
