using System;
using static TorchSharp.torch;

namespace NetDsl.Samples.Lessons;

/// <summary>A network a lesson trains: its label in tables, legends and run folders, and how to build it.</summary>
/// <param name="Label">The run's name, e.g. <c>plain-56</c>.</param>
/// <param name="Create">Builds the network with fresh weights (from libtorch's generator, seeded before).</param>
internal sealed record LessonNetwork(string Label, Func<nn.Module<Tensor, Tensor>> Create);
