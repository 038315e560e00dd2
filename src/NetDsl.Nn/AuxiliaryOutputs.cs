using System.Collections.Generic;
using static TorchSharp.torch;

namespace NetDsl.Nn;

/// <summary>
/// A network with auxiliary classifiers (GoogLeNet's <c>aux1</c>/<c>aux2</c>, Inception-v3's <c>AuxLogits</c>).
/// <c>forward</c> returns the main logits only, as torchvision's models do in evaluation mode;
/// <see cref="ForwardWithAuxiliary"/> also returns each head's logits in training mode, for the loss.
/// </summary>
public interface IAuxiliaryClassifiers
{
    /// <summary>The main logits and, in training mode with the heads built, every head's logits and loss weight.</summary>
    AuxiliaryOutputs ForwardWithAuxiliary(Tensor input);
}

/// <summary>One auxiliary head's logits and the weight its loss gets in the total (0.3 in the GoogLeNet paper).</summary>
/// <param name="Name">The head's field name (<c>aux1</c>), also its state-dict prefix.</param>
/// <param name="Logits">The head's output, [N, classes].</param>
/// <param name="LossWeight">The weight the spec gives the head's loss.</param>
public sealed record AuxiliaryOutput(string Name, Tensor Logits, double LossWeight);

/// <summary>What <see cref="IAuxiliaryClassifiers.ForwardWithAuxiliary"/> returns.</summary>
/// <param name="Logits">The main classifier's output, [N, classes].</param>
/// <param name="Auxiliary">The heads' outputs in field order; empty in evaluation mode or without heads.</param>
public sealed record AuxiliaryOutputs(Tensor Logits, IReadOnlyList<AuxiliaryOutput> Auxiliary);
