"""The training step of tests/NetDsl.Benchmarks in PyTorch, on a fixed random batch: torchvision's ResNet-18 written
out (Debian's python3-torch has no torchvision) or the Fashion-MNIST sample's FashionResNet (as `netdsl export --to
pytorch` prints it), SGD with momentum (optionally Nesterov), in the default NCHW layout or channels_last.

Prints "torch=<version>", then one "step_ms=<milliseconds>" line per timed step. With --paced it prints "ready"
after the warm-up and then runs a round of --steps timed steps, ended by a "round_done" line, for every line it
reads on standard input until that closes: NetDsl.Benchmarks' `train` command alternates such rounds with its own.
With --profile it prints torch.profiler's per-operator averages of --steps steps instead. Run with /usr/bin/python3 (the Debian
interpreter that has python3-torch)."""
import sys
import argparse
import time

import torch
from torch import nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or in_planes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        y += identity
        return F.relu(y)


class ResNet18(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = nn.Sequential(BasicBlock(64, 64, 1), BasicBlock(64, 64, 1))
        self.layer2 = nn.Sequential(BasicBlock(64, 128, 2), BasicBlock(128, 128, 1))
        self.layer3 = nn.Sequential(BasicBlock(128, 256, 2), BasicBlock(256, 256, 1))
        self.layer4 = nn.Sequential(BasicBlock(256, 512, 2), BasicBlock(512, 512, 1))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class FashionResNet(nn.Module):
    def __init__(self, classes, units=2):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        self.layer1 = nn.Sequential(*[BasicBlock(32 if i == 0 else 48, 48, 2 if i == 0 else 1) for i in range(units)])
        self.layer2 = nn.Sequential(*[BasicBlock(48 if i == 0 else 96, 96, 2 if i == 0 else 1) for i in range(units)])
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(96, classes)

    def forward(self, x):
        x = self.layer2(self.layer1(F.relu(self.bn1(self.conv1(x)))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def main():
    parser = argparse.ArgumentParser()
    for name, default in [("batch", 32), ("size", 64), ("classes", 10), ("threads", 2), ("warmup", 3), ("steps", 10)]:
        parser.add_argument("--" + name, type=int, default=default)
    parser.add_argument("--paced", action="store_true")
    parser.add_argument("--net", choices=["resnet18", "fashion"], default="resnet18")
    parser.add_argument("--channels-last", action="store_true")
    parser.add_argument("--nesterov", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print("torch=" + torch.__version__, flush=True)

    if args.net == "fashion":
        model, images = FashionResNet(args.classes).train(), torch.randn(args.batch, 1, 28, 28)
    else:
        model, images = ResNet18(args.classes).train(), torch.randn(args.batch, 3, args.size, args.size)
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        images = images.contiguous(memory_format=torch.channels_last)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=args.nesterov)
    labels = torch.randint(args.classes, (args.batch,))

    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    if args.profile:
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as profiler:
            for _ in range(args.steps):
                step()
        print(profiler.key_averages().table(sort_by="self_cpu_time_total", row_limit=30))
        return
    if not args.paced:
        timed_round(step, args.steps)
        return
    print("ready", flush=True)
    while sys.stdin.readline():
        timed_round(step, args.steps)
        print("round_done", flush=True)


def timed_round(step, steps):
    for _ in range(steps):
        start = time.perf_counter()
        step()
        print("step_ms=%.3f" % ((time.perf_counter() - start) * 1000), flush=True)


if __name__ == "__main__":
    main()
