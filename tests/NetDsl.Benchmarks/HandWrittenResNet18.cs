using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Benchmarks;

/// <summary>ResNet-18 written by hand in TorchSharp the way torchvision's <c>resnet.py</c> writes it: the baseline for the generated network.</summary>
internal sealed class HandWrittenResNet18 : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    public HandWrittenResNet18(int classes)
        : base(nameof(HandWrittenResNet18))
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage(64, 64, 1);
        layer2 = Stage(64, 128, 2);
        layer3 = Stage(128, 256, 2);
        layer4 = Stage(256, 512, 2);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(512, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = functional.relu(bn1.forward(conv1.forward(x)));
        x = maxpool.forward(x);
        x = layer4.forward(layer3.forward(layer2.forward(layer1.forward(x))));
        x = avgpool.forward(x).flatten(1);
        return fc.forward(x);
    }

    private static Sequential Stage(long inPlanes, long planes, long stride) =>
        nn.Sequential(("0", new Block(inPlanes, planes, stride)), ("1", new Block(planes, planes, 1)));

    /// <summary>torchvision's <c>BasicBlock</c>.</summary>
    private sealed class Block : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly Sequential? downsample;

        public Block(long inPlanes, long planes, long stride)
            : base("BasicBlock")
        {
            conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
            bn1 = nn.BatchNorm2d(planes);
            conv2 = nn.Conv2d(planes, planes, 3, padding: 1, bias: false);
            bn2 = nn.BatchNorm2d(planes);
            if (stride != 1 || inPlanes != planes)
            {
                downsample = nn.Sequential(nn.Conv2d(inPlanes, planes, 1, stride: stride, bias: false), nn.BatchNorm2d(planes));
            }

            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var identity = downsample is null ? x : downsample.forward(x);
            var y = functional.relu(bn1.forward(conv1.forward(x)));
            y = bn2.forward(conv2.forward(y));
            return functional.relu(y + identity);
        }
    }
}
