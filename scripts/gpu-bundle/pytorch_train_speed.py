"""PyTorch eager's side of `netdsl bench`: training steps of torchvision's ResNet-50 on one random batch at
224x224 (forward, cross-entropy, backward, SGD with momentum 0.9), with torch.cuda.synchronize() after every
step on CUDA. Prints one line in the format `netdsl bench` prints, so gpu-check.sh can put the two side by side.
Usage: python3 pytorch_train_speed.py [--device cuda] [--batch-size 64] [--classes 1000] [--warmup 10] [--steps 30]"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    for name, default in [("batch-size", 64), ("classes", 1000), ("warmup", 10), ("steps", 30), ("size", 224)]:
        parser.add_argument("--" + name, type=int, default=default)
    args = parser.parse_args()
    device = torch.device(args.device)
    torch.manual_seed(0)

    model = torchvision.models.resnet50(num_classes=args.classes).to(device).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    generator = torch.Generator().manual_seed(0)
    images = torch.randn(args.batch_size, 3, args.size, args.size, generator=generator).to(device)
    labels = torch.randint(args.classes, (args.batch_size,), generator=generator).to(device)

    times = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        if i >= args.warmup:
            times.append((time.perf_counter() - start) * 1000)

    images_per_second = args.batch_size * len(times) / (sum(times) / 1000)
    print("ResNet50 (torchvision %s, torch %s) [3, %d, %d], batch %d, on %s: %d timed steps, median %.1f ms, %.1f images/s"
          % (torchvision.__version__, torch.__version__, args.size, args.size, args.batch_size, args.device, len(times),
             statistics.median(times), images_per_second))


if __name__ == "__main__":
    main()
