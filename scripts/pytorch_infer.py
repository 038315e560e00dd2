"""The PyTorch side of NetDsl.Benchmarks' `inference` command: one network, printed from the same spec by
`netdsl export --to pytorch`, in eval mode under torch.inference_mode() on a fixed random batch.

The benchmark keeps this process open and alternates with its own engines forward by forward: each line "run" on
stdin runs one timed forward and answers "ms=<milliseconds>"; "quit" (or the end of stdin) ends it. It first
prints "torch=<version>", runs the untimed warm-up forwards and prints "ready".
Run with /usr/bin/python3 (the Debian interpreter that has python3-torch)."""
import argparse
import importlib.util
import sys
import time

import torch


def load_class(path, name):
    spec = importlib.util.spec_from_file_location("exported_network", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", required=True, help="the .py file netdsl export --to pytorch wrote")
    parser.add_argument("--class", dest="class_name", required=True, help="the network's class in it")
    parser.add_argument("--input", required=True, help="C,H,W")
    for name, default in [("batch", 1), ("threads", 2), ("warmup", 3)]:
        parser.add_argument("--" + name, type=int, default=default)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print("torch=" + torch.__version__, flush=True)

    model = load_class(args.module, args.class_name)().eval()
    images = torch.randn(args.batch, *[int(d) for d in args.input.split(",")])
    with torch.inference_mode():
        for _ in range(args.warmup):
            model(images)
        print("ready", flush=True)
        for line in sys.stdin:
            if line.strip() != "run":
                break
            start = time.perf_counter()
            model(images)
            print("ms=%.3f" % ((time.perf_counter() - start) * 1000), flush=True)


if __name__ == "__main__":
    main()
