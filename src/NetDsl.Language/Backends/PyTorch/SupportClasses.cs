using System.Collections.Generic;
using System.Linq;
using NetDsl.Language.Model;
using NetDsl.Language.Plan;

namespace NetDsl.Language.Backends.PyTorch;

/// <summary>
/// The modules the zoo's specs use that <c>torch.nn</c> lacks, written into the files that use them, as
/// torchvision's inception.py defines its <c>BasicConv2d</c>: the same children (and so state-dict keys) as
/// NetDsl.Nn's classes of the same names.
/// </summary>
internal static class SupportClasses
{
    /// <summary>A conv, its batch norm and an activation (children <c>conv</c>, <c>bn</c>).</summary>
    public const string ConvNormAct = "ConvNormAct";

    /// <summary>The pre-activation order: batch norm, activation, conv (children <c>bn</c>, <c>conv</c>).</summary>
    public const string NormActConv = "NormActConv";

    /// <summary>He et al.'s option A shortcut (no parameters).</summary>
    public const string ZeroPadShortcut = "ZeroPadShortcut";

    /// <summary>Every name this file may define.</summary>
    public static readonly string[] Names = { ConvNormAct, NormActConv, ZeroPadShortcut };

    private const string ConvParameters = """
                in_channels: int,
                out_channels: int,
                kernel_size: _size_2_t,
                stride: _size_2_t = 1,
                padding: _size_2_t = 0,
                dilation: _size_2_t = 1,
                groups: int = 1,
                bias: bool = False,
                eps: float = 1e-05,
                momentum: float = 0.1,
                activation: Optional[Callable[[Tensor], Tensor]] = F.relu,
        """;

    private const string Conv = "nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, padding=padding, dilation=dilation, groups=groups, bias=bias)";

    private static readonly Dictionary<string, string> Sources = new(System.StringComparer.Ordinal)
    {
        [ConvNormAct] = $$""""
            class ConvNormAct(nn.Module):
                """A convolution, its batch norm and an activation as one module (torchvision's BasicConv2d): children conv and bn."""

                def __init__(
                    self,
            {{ConvParameters}}
                ) -> None:
                    super().__init__()
                    self.conv = {{Conv}}
                    self.bn = nn.BatchNorm2d(out_channels, eps=eps, momentum=momentum)
                    self.activation = activation

                def forward(self, x: Tensor) -> Tensor:
                    x = self.bn(self.conv(x))
                    return x if self.activation is None else self.activation(x)
            """",
        [NormActConv] = $$""""
            class NormActConv(nn.Module):
                """The pre-activation order (He et al. 2016): batch norm over the input, an activation, then the convolution; children bn and conv."""

                def __init__(
                    self,
            {{ConvParameters}}
                ) -> None:
                    super().__init__()
                    self.bn = nn.BatchNorm2d(in_channels, eps=eps, momentum=momentum)
                    self.conv = {{Conv}}
                    self.activation = activation

                def forward(self, x: Tensor) -> Tensor:
                    x = self.bn(x)
                    if self.activation is not None:
                        x = self.activation(x)
                    return self.conv(x)
            """",
        [ZeroPadShortcut] = """"
            class ZeroPadShortcut(nn.Module):
                """He et al. 2015's option A shortcut (section 4.2): subsample by the stride and append zero channels; no parameters."""

                def __init__(self, in_channels: int, out_channels: int, stride: _size_2_t = 1) -> None:
                    super().__init__()
                    self.extra_channels = out_channels - in_channels
                    self.stride = (stride, stride) if isinstance(stride, int) else stride

                def forward(self, x: Tensor) -> Tensor:
                    x = x[:, :, :: self.stride[0], :: self.stride[1]]
                    return F.pad(x, (0, 0, 0, 0, 0, self.extra_channels))
            """",
    };

    /// <summary>The classes <paramref name="classes"/> use, in a fixed order.</summary>
    public static IReadOnlyList<string> Used(IEnumerable<ClassPlan> classes)
    {
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var module in classes.SelectMany(c => c.Fields).SelectMany(f => Modules(f.Module)))
        {
            switch (module)
            {
                case ConvUnitPlan unit:
                    used.Add(unit.Order == ConvOrder.Pre ? NormActConv : ConvNormAct);
                    break;
                case ZeroPadPlan:
                    used.Add(ZeroPadShortcut);
                    break;
            }
        }

        return Names.Where(used.Contains).ToList();
    }

    /// <summary>Writes the class <paramref name="name"/> and notes its imports.</summary>
    public static void Write(SourceWriter writer, string name, Imports imports)
    {
        imports.Use("F");
        imports.Use("_size_2_t");
        if (name != ZeroPadShortcut)
        {
            imports.Use("Optional");
            imports.Use("Callable");
        }

        foreach (var line in Sources[name].Split('\n'))
        {
            writer.Line(line);
        }
    }

    private static IEnumerable<ModulePlan> Modules(ModulePlan module) => module is SequentialPlan sequential
        ? new[] { module }.Concat(sequential.Entries.SelectMany(e => Modules(e.Module)))
        : new[] { module };
}
