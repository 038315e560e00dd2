using Xunit;

namespace NetDsl.Zoo.Tests.Parity;

/// <summary>A theory that needs torchvision; skipped, with the install command, where it cannot run.</summary>
public sealed class TorchvisionTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the reference is unavailable.</summary>
    public TorchvisionTheoryAttribute() => Skip = TorchvisionReference.WhyUnavailable;
}

/// <summary>A fact that needs torchvision; skipped, with the install command, where it cannot run.</summary>
public sealed class TorchvisionFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the reference is unavailable.</summary>
    public TorchvisionFactAttribute() => Skip = TorchvisionReference.WhyUnavailable;
}
