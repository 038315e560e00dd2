using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>A checked load: the file's tensors to copy into the model's, and the report of what it does.</summary>
internal sealed class WeightLoadPlan(ITensorFile file, IReadOnlyList<(TensorEntry Entry, Tensor Target)> copies, WeightLoadReport report)
{
    /// <summary>Copies every tensor (converted to the model tensor's dtype and device) and returns the report.</summary>
    public WeightLoadReport Apply()
    {
        using (no_grad())
        {
            foreach (var (entry, target) in copies)
            {
                using var value = file.Read(entry);
                target.copy_(value);
            }
        }

        return report;
    }
}
