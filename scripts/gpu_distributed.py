"""The Python half of gpu-distributed.sh, run on the GPU machine (PyTorch, timm; no .NET).

machine                    the GPUs, Python, torch and timm
timm EXPORT [--device D]   the exported Inception-v4 and Inception-ResNet-v2 (EXPORT/<network>/) against timm's
                           inception_v4 and inception_resnet_v2: the same state-dict keys and shapes (and whether in
                           the same order), the same parameter count, and the same eval-mode outputs for the same
                           weights both ways (timm's random weights in ours, ours in timm's), in float32 with TF32
                           off; max |difference| must stay within 1e-4 of max |output|
throughput METRICS         images/s of each epoch of a train.py run (its metrics.jsonl), and their mean after the first
"""
import argparse
import importlib
import json
import sys

TOLERANCE = 1e-4
PAIRS = [("InceptionV4", "inception_v4"), ("InceptionResNetV2", "inception_resnet_v2")]


def machine(_):
    import torch
    print("Python", sys.version.split()[0], "torch", torch.__version__, "CUDA", torch.version.cuda)
    for i in range(torch.cuda.device_count()):
        print(f"GPU {i}: {torch.cuda.get_device_name(i)}")
    try:
        import timm
        print("timm", timm.__version__)
    except ImportError:
        print("timm: not installed")
    return 0


def exported(folder, network):
    sys.path.insert(0, f"{folder}/{network}")
    try:
        train = importlib.import_module("train")
        return train.Network
    finally:
        sys.path.pop(0)
        sys.modules.pop("train", None)


def randomise_norms(model, generator):
    import torch
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.copy_(torch.randn(module.num_features, generator=generator) * 0.1)
                module.running_var.copy_(torch.rand(module.num_features, generator=generator) + 0.5)
                module.weight.copy_(torch.rand(module.num_features, generator=generator) + 0.5)
                module.bias.copy_(torch.randn(module.num_features, generator=generator) * 0.1)


def relative_difference(ours, theirs, batch):
    import torch
    with torch.no_grad():
        a, b = ours(batch), theirs(batch)
    return ((a - b).abs().max() / b.abs().max()).item()


def compare_with_timm(args):
    import torch
    try:
        import timm
    except ImportError:
        print("timm is not installed here: nothing to compare with")
        return 1
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = torch.device(args.device)
    failures = 0
    for network, name in PAIRS:
        torch.manual_seed(0)
        ours = exported(args.export, network)().to(device).eval()
        theirs = timm.create_model(name, pretrained=False).to(device).eval()
        ours_state, theirs_state = ours.state_dict(), theirs.state_dict()
        same_keys = set(ours_state) == set(theirs_state)
        same_order = list(ours_state) == list(theirs_state)
        shapes = [k for k in ours_state if k in theirs_state and ours_state[k].shape != theirs_state[k].shape]
        counts = (sum(p.numel() for p in ours.parameters()), sum(p.numel() for p in theirs.parameters()))
        print(f"{network} / timm {name}: {len(ours_state)} and {len(theirs_state)} state-dict tensors, same keys: {same_keys}, "
              f"same order: {same_order}, other shapes: {shapes or 'none'}, parameters {counts[0]:,} and {counts[1]:,}")
        if not same_keys:
            print("  only ours:", sorted(set(ours_state) - set(theirs_state))[:8], " only timm's:", sorted(set(theirs_state) - set(ours_state))[:8])
        if not same_keys or shapes or counts[0] != counts[1]:
            failures += 1
            continue
        generator = torch.Generator().manual_seed(1)
        randomise_norms(theirs, generator)
        batch = torch.randn(2, 3, 299, 299, generator=generator).to(device)
        ours.load_state_dict(theirs.state_dict(), strict=True)
        timm_in_ours = relative_difference(ours, theirs, batch)
        torch.manual_seed(2)
        fresh = exported(args.export, network)().to(device).eval()
        randomise_norms(fresh, generator)
        theirs.load_state_dict(fresh.state_dict(), strict=True)
        ours_in_timm = relative_difference(theirs, fresh, batch)
        print(f"  eval outputs, max |difference| / max |output|: timm's weights in ours {timm_in_ours:.2e}, ours in timm {ours_in_timm:.2e}")
        failures += timm_in_ours > TOLERANCE or ours_in_timm > TOLERANCE
    return 1 if failures else 0


def throughput(args):
    with open(args.metrics) as stream:
        epochs = [json.loads(line) for line in stream if line.strip()]
    for epoch in epochs:
        print(f"epoch {epoch['epoch'] + 1}: {epoch['images_per_second']:.1f} images/s, {epoch['seconds']:.1f} s "
              f"(waiting for data {epoch['data_wait_seconds']:.1f} s), test top-1 error {100 * epoch['validation']['top1_error']:.2f} %")
    later = [e["images_per_second"] for e in epochs[1:]] or [epochs[-1]["images_per_second"]]
    print(f"images/s after the first epoch: {sum(later) / len(later):.1f}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("machine").set_defaults(run=machine)
    timm_parser = commands.add_parser("timm")
    timm_parser.add_argument("export")
    timm_parser.add_argument("--device", default="cuda")
    timm_parser.set_defaults(run=compare_with_timm)
    rate = commands.add_parser("throughput")
    rate.add_argument("metrics")
    rate.set_defaults(run=throughput)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
