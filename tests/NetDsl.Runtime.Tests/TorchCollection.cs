using Xunit;

namespace NetDsl.Runtime.Tests;

/// <summary>Tests that seed libtorch's global generator run one at a time, so seeds mean the same thing every run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "libtorch";
}
