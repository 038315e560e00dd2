"""Trains the network beside this file with PyTorch's DistributedDataParallel, on one process or many.

    torchrun --standalone --nproc_per_node=N train.py --data fashion-mnist --epochs 10 --out runs/net
    torchrun --nnodes=2 --node_rank=K --nproc_per_node=N --master_addr=HOST --master_port=29500 train.py ...
    python3 train.py ...                       (one process, no torchrun)

Written by `netdsl export --to pytorch` beside the network's module, to agree with `netdsl train`: the data are
fitted to the network in the same way (grey to three channels, zero padding or bilinear resizing, the same
normalisation constants), the optimizers and schedules take the same options and defaults, and rank 0 alone writes
RUN/metrics.jsonl in netdsl train's record format and RUN/final.safetensors with the metadata of
`netdsl train --export` (class names and normalisation included), which `netdsl eval --checkpoint`, `netdsl predict
--weights` and `netdsl train --weights` read. --weights starts from a
safetensors file written by .NET. Each process trains on its share of every epoch (DistributedSampler); gloo is the
backend on CPUs and nccl on GPUs, where the forward pass runs under bf16 autocast. --batch-size is per process.
Plain PyTorch and NumPy; image folders also need Pillow.
"""
import argparse
import contextlib
import copy
import gzip
import hashlib
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import BatchSampler, DataLoader, DistributedSampler

#@netdsl-network@

EXIT_USAGE, EXIT_DATA, EXIT_FAILED = 2, 3, 4  # netdsl's exit codes for the same failures
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")
SAFETENSORS_DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
                      torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
                      torch.uint8: "U8", torch.bool: "BOOL"}
LISTED_KEYS = 8


class Stop(Exception):
    """A failure the user can fix: the message names the file or option and the fix."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def parse_arguments():
    parser = argparse.ArgumentParser(description=f"Train {NETWORK} ({SPEC}) with DistributedDataParallel; launch with torchrun.")
    parser.add_argument("--data", required=True, help="fashion-mnist, mnist, cifar10, or a folder with train/ and test/ (or val/) image sub-folders")
    parser.add_argument("--data-dir", help=f"the folder holding the data set's files (fashion-mnist defaults to {FASHION_MNIST_DIR})")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128, help="images per batch on each process")
    parser.add_argument("--lr", type=float, help="base learning rate (default: sgd 0.1, adam/adamw 0.001, rmsprop 0.045)")
    parser.add_argument("--optimizer", default="sgd", choices=["sgd", "adam", "adamw", "rmsprop"])
    parser.add_argument("--momentum", type=float, default=0.9, help="momentum (sgd, rmsprop)")
    parser.add_argument("--weight-decay", type=float, help="weight decay (default: sgd 1e-4, adam 0, adamw 0.01, rmsprop 4e-5)")
    parser.add_argument("--schedule", default="cosine", choices=["cosine", "step", "exponential", "constant", "inception"])
    parser.add_argument("--step-size", type=int, default=30, help="epochs between decays (step)")
    parser.add_argument("--gamma", type=float, default=0.1, help="decay factor (step, exponential)")
    parser.add_argument("--warmup", type=float, default=0.0, help="epochs of linear learning-rate warm-up")
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--clip", type=float, help="clip the gradients' global L2 norm to this value")
    parser.add_argument("--ema", type=float, help="keep an exponential moving average of the weights with this decay per step (e.g. 0.999); it is evaluated and saved")
    parser.add_argument("--flip", action="store_true", help="evaluate each image and its mirror image and average the two softmax outputs")
    parser.add_argument("--augment", action="store_true", help="random crops (padding 1/8 of the side) and horizontal flips")
    parser.add_argument("--erase", type=float, default=0.0, help="probability of random erasing (Zhong et al. 2017) per training image")
    parser.add_argument("--limit", type=int, help="use only the first N images of each split")
    parser.add_argument("--seed", type=int, default=0, help="seed for the initial weights, the data order and augmentation")
    parser.add_argument("--weights", help="start from these weights: a .safetensors file (netdsl train --export, netdsl eval)")
    parser.add_argument("--out", default=f"runs/{NETWORK}", help="the run folder: metrics.jsonl, final.safetensors, ranks.json")
    parser.add_argument("--backend", choices=["gloo", "nccl"], help="the process group's backend (default: nccl on CUDA, else gloo)")
    parser.add_argument("--device", default="auto", help="auto (CUDA when available), cpu or cuda")
    parser.add_argument("--precision", default="auto", choices=["auto", "bf16", "fp32"], help="training precision (auto: bf16 autocast on CUDA, fp32 on CPU)")
    parser.add_argument("--workers", type=int, help="data-loading processes per training process (default: 4 on CUDA, 0 on CPU)")
    args = parser.parse_args()
    for name, value, least in (("--epochs", args.epochs, 1), ("--batch-size", args.batch_size, 1), ("--limit", args.limit, 1), ("--step-size", args.step_size, 1)):
        if value is not None and value < least:
            parser.error(f"{name} must be at least {least}.")
    for name, value in (("--label-smoothing", args.label_smoothing), ("--erase", args.erase)):
        if not 0 <= value <= 1:
            parser.error(f"{name} must be within [0, 1].")
    if args.ema is not None and not 0 < args.ema < 1:
        parser.error("--ema must be within (0, 1), such as 0.999.")
    return args


class Ranks:
    """This process's place among the processes torchrun started (or the only one), and its device."""

    def __init__(self, args):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        cuda = torch.cuda.is_available() if args.device == "auto" else args.device.startswith("cuda")
        if cuda and not torch.cuda.is_available():
            raise Stop(EXIT_USAGE, f"--device {args.device}: CUDA is not available here; use --device cpu.")
        self.device = torch.device("cuda", self.local_rank) if cuda else torch.device("cpu")
        if cuda:
            torch.cuda.set_device(self.device)
        self.backend = args.backend or ("nccl" if cuda else "gloo")
        if self.world > 1:
            dist.init_process_group(self.backend)

    @property
    def main(self):
        return self.rank == 0

    def agree(self, error):
        """Every rank learns whether any rank failed, so that all stop together with the message instead of waiting."""
        errors = [error]
        if self.world > 1:
            errors = [None] * self.world
            dist.all_gather_object(errors, None if error is None else (error.code, str(error)))
        elif error is not None:
            errors = [(error.code, str(error))]
        failed = [(rank, failure) for rank, failure in enumerate(errors) if failure is not None]
        if failed:
            lines = [message if self.world == 1 else f"rank {rank}: {message}" for rank, (_, message) in failed]
            raise Stop(failed[0][1][0], "\n".join(lines))

    def sum(self, tensor):
        if self.world > 1:
            dist.all_reduce(tensor)
        return tensor


def attempt(action):
    """Runs action; a Stop it raises comes back as the error, for Ranks.agree."""
    try:
        return action(), None
    except Stop as error:
        return None, error


# Data: the images as uint8 [N, C, H, W], their labels, and the class count.

def read_idx(path):
    with open(path, "rb") as stream:
        data = stream.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise Stop(EXIT_DATA, f"'{path}' is not an IDX file: it does not start with 0x0000.")
    if data[2] != 0x08:
        raise Stop(EXIT_DATA, f"'{path}' holds IDX type 0x{data[2]:02X}; only unsigned bytes (0x08) are supported.")
    dims = struct.unpack(">" + "i" * data[3], data[4:4 + 4 * data[3]])
    values = np.frombuffer(data, np.uint8, offset=4 + 4 * data[3])
    if values.size != math.prod(dims):
        raise Stop(EXIT_DATA, f"'{path}' holds {values.size} values but its header declares {list(dims)}.")
    return values.reshape(dims)


def find_idx(folder, name, hint):
    for candidate in (name, name + ".gz"):
        if os.path.isfile(os.path.join(folder, candidate)):
            return os.path.join(folder, candidate)
    raise Stop(EXIT_DATA, f"Neither '{name}' nor '{name}.gz' is in '{folder}'. {hint}")


def load_mnist(folder, split, hint):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(find_idx(folder, prefix + "-images-idx3-ubyte", hint))
    labels = read_idx(find_idx(folder, prefix + "-labels-idx1-ubyte", hint))
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise Stop(EXIT_DATA, f"'{folder}': the {split} images {list(images.shape)} and labels {list(labels.shape)} do not match.")
    return images[:, None], labels.astype(np.int64)


def load_cifar10(folder, split):
    names = [f"data_batch_{i}.bin" for i in range(1, 6)] if split == "train" else ["test_batch.bin"]
    records = []
    for name in names:
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise Stop(EXIT_DATA, f"CIFAR-10 file '{name}' is not in '{folder}'. Pass the folder of the binary version (cifar-10-batches-bin) with --data-dir.")
        data = np.fromfile(path, np.uint8)
        if data.size % 3073 != 0:
            raise Stop(EXIT_DATA, f"'{path}' is not a whole number of 3073-byte CIFAR-10 records; it is truncated or not the binary version.")
        records.append(data.reshape(-1, 3073))
    records = np.concatenate(records)
    return records[:, 1:].reshape(-1, 3, 32, 32), records[:, 0].astype(np.int64)


def load_folder(root, split, channels, height, width):
    try:
        from PIL import Image
    except ImportError:
        raise Stop(EXIT_DATA, "--data: image folders are decoded with Pillow; install it (pip install pillow, or apt-get install python3-pil).")
    folder = os.path.join(root, "train") if split == "train" else next((os.path.join(root, s) for s in ("test", "val") if os.path.isdir(os.path.join(root, s))), None)
    if folder is None or not os.path.isdir(folder):
        raise Stop(EXIT_DATA, f"--data: the image folder '{root}' needs a 'train' and a 'test' (or 'val') sub-folder, each with one folder of images per class.")
    classes = sorted(c for c in os.listdir(folder) if os.path.isdir(os.path.join(folder, c)))
    files = [(os.path.join(folder, c, f), label) for label, c in enumerate(classes)
             for f in sorted(os.listdir(os.path.join(folder, c))) if f.lower().endswith(IMAGE_EXTENSIONS)]
    if not files:
        raise Stop(EXIT_DATA, f"--data: '{folder}' holds no class folders with images ({', '.join(IMAGE_EXTENSIONS)}).")
    images = np.empty((len(files), channels, height, width), np.uint8)
    for i, (path, _) in enumerate(files):
        with Image.open(path) as image:
            resized = image.convert("RGB").resize((width, height), Image.BILINEAR)
            pixels = np.asarray(resized.convert("L") if channels == 1 else resized)
        images[i] = pixels[None] if channels == 1 else pixels.transpose(2, 0, 1)
    return images, np.array([label for _, label in files], np.int64), classes


def load_split(args, split):
    name = args.data.lower()
    if name == "fashion-mnist":
        hint = (f"Install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' (it goes to {FASHION_MNIST_DIR}) "
                "or pass the folder that holds the IDX files with --data-dir.")
        images, labels = load_mnist(args.data_dir or FASHION_MNIST_DIR, split, hint)
        classes = DATA_CLASSES[name]
    elif name == "mnist":
        images, labels = load_mnist(required_data_dir(args), split, "Pass the folder that holds the MNIST IDX files with --data-dir.")
        classes = DATA_CLASSES[name]
    elif name == "cifar10":
        images, labels = load_cifar10(required_data_dir(args), split)
        classes = DATA_CLASSES[name]
    else:
        root = os.path.join(args.data_dir, args.data) if args.data_dir else args.data
        if not os.path.isdir(root):
            raise Stop(EXIT_USAGE, f"--data: '{args.data}' is neither a known data set (fashion-mnist, mnist, cifar10) nor a folder.")
        images, labels, classes = load_folder(root, split, *INPUT_SHAPE)
    if args.limit is not None:
        images, labels = images[:args.limit], labels[:args.limit]
    return images, labels, classes


def required_data_dir(args):
    if args.data_dir is None:
        raise Stop(EXIT_USAGE, f"--data {args.data} needs --data-dir <folder>.")
    if not os.path.isdir(args.data_dir):
        raise Stop(EXIT_DATA, f"--data-dir: '{args.data_dir}' does not exist.")
    return args.data_dir


def measured_statistics(images):
    """Per-channel mean and standard deviation in [0, 1] units, as netdsl train measures a folder's training images."""
    sums, squares = np.zeros(images.shape[1]), np.zeros(images.shape[1])
    for start in range(0, len(images), 256):
        values = images[start:start + 256].astype(np.float64) / 255.0
        sums += values.sum(axis=(0, 2, 3))
        squares += (values * values).sum(axis=(0, 2, 3))
    count = max(1.0, float(len(images)) * images.shape[2] * images.shape[3])
    mean = sums / count
    std = np.sqrt(np.maximum(squares / count - mean * mean, 0))
    return tuple(mean.astype(np.float32).tolist()), tuple(np.where(std < 1e-6, 1.0, std).astype(np.float32).tolist())


class Fit:
    """
    The images fitted to the network as netdsl train fits them: scaled to [0, 1], grey repeated into three channels
    for a three-channel network, zero-padded equally on both sides when the network is at most 2 * MAX_PADDING pixels
    larger, else resized bilinearly (half-pixel centres); then, for training batches with augment, a random crop after
    padding by 1/8 of the height and a horizontal flip with probability 1/2; then normalised with the data set's
    statistics; then, for training batches, random erasing with probability erase.
    """

    def __init__(self, shape, mean, std, augment=False, erase=0.0):
        channels, height, width = shape
        target, self.height, self.width = INPUT_SHAPE
        if channels != target:
            if channels != 1 or target != 3:
                raise Stop(EXIT_USAGE, f"{NETWORK} takes {target}-channel input {list(INPUT_SHAPE)} but the data's images are {list(shape)}; "
                                       "only grey images can be fitted to a 3-channel network.")
            mean, std = mean * 3, std * 3
        self.grey_to_rgb = channels != target
        self.source = (height, width)
        pad_h, pad_w = self.height - height, self.width - width
        self.pad = 0 <= pad_h <= 2 * MAX_PADDING and 0 <= pad_w <= 2 * MAX_PADDING and (pad_h, pad_w) != (0, 0)
        self.resize = (pad_h, pad_w) != (0, 0) and not self.pad
        self.mean = np.array(mean, np.float32).reshape(1, -1, 1, 1)
        self.std = np.array(std, np.float32).reshape(1, -1, 1, 1)
        self.crop_and_flip, self.erase = augment, erase

    def __call__(self, images, rngs=None):
        x = images.astype(np.float32) / np.float32(255)
        if self.grey_to_rgb:
            x = np.repeat(x, 3, axis=1)
        if self.pad:
            padded = np.zeros(x.shape[:2] + (self.height, self.width), np.float32)
            top, left = (self.height - x.shape[2]) // 2, (self.width - x.shape[3]) // 2
            padded[:, :, top:top + x.shape[2], left:left + x.shape[3]] = x
            x = padded
        elif self.resize:
            x = self.bilinear(x)
        if rngs is not None and self.crop_and_flip:
            x = self.random_crop_and_flip(x, rngs)
        x = (x - self.mean) / self.std
        if rngs is not None and self.erase > 0:
            x = self.random_erase(x, rngs)
        return x

    def bilinear(self, x):
        """netdsl's Resize, in float64 and then float32 exactly as it computes it."""
        (y0, y1, wy), (x0, x1, wx) = (self.sources(self.height, x.shape[2]), self.sources(self.width, x.shape[3]))
        rows0, rows1 = x[:, :, y0, :], x[:, :, y1, :]
        top = (1 - wx) * rows0[:, :, :, x0] + wx * rows0[:, :, :, x1]
        bottom = (1 - wx) * rows1[:, :, :, x0] + wx * rows1[:, :, :, x1]
        return ((1 - wy[:, None]) * top + wy[:, None] * bottom).astype(np.float32)

    @staticmethod
    def sources(target, size):
        position = np.maximum((np.arange(target) + 0.5) * (size / target) - 0.5, 0.0)
        low = np.minimum(position.astype(np.int64), size - 1)
        return low, np.minimum(low + 1, size - 1), position - low

    def random_crop_and_flip(self, x, rngs):
        padding = self.height // 8
        padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
        out = np.empty_like(x)
        for i, rng in enumerate(rngs):
            top, left = rng.integers(0, 2 * padding + 1, size=2)
            out[i] = padded[i, :, top:top + self.height, left:left + self.width]
            if rng.random() < 0.5:
                out[i] = out[i, :, :, ::-1]
        return out

    def random_erase(self, x, rngs):
        """netdsl's RandomErasing: with probability erase, a rectangle of 2 % to 40 % of the image, its height-to-width
        ratio within [0.3, 1 / 0.3], set to 0 (the data's mean, after normalising); ten draws, then the image is left."""
        height, width = x.shape[2:]
        for i, rng in enumerate(rngs):
            if rng.random() >= self.erase:
                continue
            for _ in range(10):
                target = height * width * (0.02 + rng.random() * (0.4 - 0.02))
                aspect = math.exp(math.log(0.3) * (2 * rng.random() - 1))
                h, w = round(math.sqrt(target * aspect)), round(math.sqrt(target / aspect))
                if 1 <= h < height and 1 <= w < width:
                    top, left = rng.integers(0, height - h + 1), rng.integers(0, width - w + 1)
                    x[i, :, top:top + h, left:left + w] = 0
                    break
        return x


class Batches(torch.utils.data.Dataset):
    """A data set indexed by lists of image indices (a BatchSampler's), each fitted and augmented as one batch."""

    def __init__(self, images, labels, fit, augment_seed=None):
        self.images, self.labels, self.fit, self.augment_seed = images, labels, fit, augment_seed
        self.epoch = 0

    def __len__(self):
        return len(self.images)

    def __getitem__(self, indices):
        indices = np.asarray(indices)
        # Each image's augmentation depends only on (seed, epoch, image), whatever the rank or the worker.
        rngs = None if self.augment_seed is None else [np.random.default_rng([self.augment_seed, self.epoch, int(i)]) for i in indices]
        return torch.from_numpy(self.fit(self.images[indices], rngs)), torch.from_numpy(self.labels[indices])


# Weights: safetensors (an 8-byte little-endian header length, a JSON header, the tensors' bytes), read and written with NumPy.

def read_safetensors(path):
    with open(path, "rb") as stream:
        data = stream.read()
    try:
        (length,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + length])
    except (struct.error, ValueError) as error:
        raise Stop(EXIT_FAILED, f"--weights: '{path}' is not a safetensors file ({error}).")
    header.pop("__metadata__", None)
    names = {v: k for k, v in SAFETENSORS_DTYPES.items()}
    tensors = {}
    for key, entry in header.items():
        begin, end = entry["data_offsets"]
        raw = np.frombuffer(data, np.uint8, count=end - begin, offset=8 + length + begin)
        tensors[key] = torch.from_numpy(raw.copy()).view(names[entry["dtype"]]).reshape(entry["shape"])
    return tensors


def write_safetensors(path, tensors, metadata):
    """Writes the file next to its place and renames it there, so that a failure leaves any earlier file whole."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for key, tensor in tensors.items():
        blob = tensor.detach().cpu().contiguous().view(-1).view(torch.uint8).numpy().tobytes()
        header[key] = {"dtype": SAFETENSORS_DTYPES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    temporary = path + ".tmp"
    with open(temporary, "wb") as stream:
        stream.write(struct.pack("<Q", len(text)))
        stream.write(text)
        for blob in blobs:
            stream.write(blob)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def listed(items):
    return ", ".join(items[:LISTED_KEYS]) + (f", and {len(items) - LISTED_KEYS} more" if len(items) > LISTED_KEYS else "")


def load_weights(model, path):
    """Loads path strictly, checking every key and shape first, and says what does not fit as netdsl does."""
    if not os.path.isfile(path):
        raise Stop(EXIT_USAGE, f"--weights: '{path}' does not exist.")
    tensors = read_safetensors(path)
    target = model.state_dict()
    missing = [k for k in target if k not in tensors]
    unexpected = [k for k in tensors if k not in target]
    mismatched = [f"'{k}' is {list(v.shape)} in the file but {list(target[k].shape)} in the model" for k, v in tensors.items() if k in target and v.shape != target[k].shape]
    problems = []
    if mismatched:
        problems.append(f"{len(mismatched)} tensor(s) have other shapes: {listed(mismatched)}")
    if missing:
        hints = [f"'{k}'" + next((f" (the file has '{u}')" for u in unexpected if u.endswith("." + k) or k.endswith("." + u)), "") for k in missing]
        problems.append(f"{len(missing)} model key(s) are not in the file: {listed(hints)}")
    if unexpected:
        problems.append(f"{len(unexpected)} file key(s) are not in the model: {listed([repr(k) for k in unexpected])}")
    if problems:
        raise Stop(EXIT_FAILED, f"--weights: '{path}' does not fit {NETWORK}: {'; '.join(problems)}. The model is unchanged.")
    model.load_state_dict({k: v.to(target[k].dtype) for k, v in tensors.items()})


# Training.

def optimizer_for(args, parameters):
    defaults = {"sgd": (0.1, 1e-4), "adam": (1e-3, 0.0), "adamw": (1e-3, 0.01), "rmsprop": (0.045, 4e-5)}[args.optimizer]
    lr = defaults[0] if args.lr is None else args.lr
    decay = defaults[1] if args.weight_decay is None else args.weight_decay
    if args.optimizer == "sgd":
        return torch.optim.SGD(parameters, lr=lr, momentum=args.momentum, weight_decay=decay)
    if args.optimizer == "adam":
        return torch.optim.Adam(parameters, lr=lr, weight_decay=decay)
    if args.optimizer == "adamw":
        return torch.optim.AdamW(parameters, lr=lr, weight_decay=decay)
    return torch.optim.RMSprop(parameters, lr=lr, alpha=0.9, eps=1.0, weight_decay=decay, momentum=args.momentum)


def schedule_for(args):
    """The learning-rate factor at a fractional epoch (epoch 3, batch 10 of 40 is 3.25), as netdsl train's schedules."""
    def base(epoch):
        if args.schedule == "cosine":
            return 0.5 * (1 + math.cos(math.pi * min(max(epoch / args.epochs, 0.0), 1.0)))
        if args.schedule == "step":
            return args.gamma ** math.floor(epoch / args.step_size)
        if args.schedule == "exponential":
            return args.gamma ** math.floor(epoch)
        if args.schedule == "inception":
            return 0.94 ** math.floor(epoch / 2)
        return 1.0

    def factor(epoch):
        warm = 1.0 if args.warmup <= 0 else min(1.0, 0.01 + 0.99 * epoch / args.warmup)
        return warm * base(epoch)
    return factor


class Metrics:
    """Loss, top-1 and top-5 error and a confusion matrix, counted as netdsl counts them (a tie favours the target)."""

    def __init__(self, classes, device):
        self.confusion = torch.zeros(classes, classes, dtype=torch.float64, device=device)
        self.totals = torch.zeros(3, dtype=torch.float64, device=device)  # loss sum, top-1 hits, top-5 hits

    def add(self, logits, labels, mean_loss):
        logits = logits.detach().float()
        higher = (logits > logits.gather(1, labels[:, None])).sum(1)
        predicted = torch.where(higher == 0, labels, logits.argmax(1))
        self.confusion.index_put_((labels, predicted), torch.ones_like(labels, dtype=torch.float64), accumulate=True)
        self.totals += torch.stack([mean_loss.detach().double() * len(labels), (higher == 0).sum().double(), (higher < 5).sum().double()])

    def summary(self, ranks):
        confusion = ranks.sum(self.confusion.clone()).cpu()
        loss, top1, top5 = ranks.sum(self.totals.clone()).tolist()
        count = int(confusion.sum().item())
        support = confusion.sum(1)
        accuracy = top1 / count if count else float("nan")
        return {"loss": loss / count if count else float("nan"), "accuracy": accuracy, "top1_error": 1 - accuracy,
                "top5_error": 1 - top5 / count if count else float("nan"),
                "per_class_accuracy": [(confusion[c, c] / support[c]).item() if support[c] > 0 else float("nan") for c in range(len(support))],
                "count": count}


def json_line(record):
    """A JSON object as netdsl writes one: NaN and infinities as the strings "NaN", "Infinity" and "-Infinity"."""
    def clean(value):
        if isinstance(value, float) and not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value
    return json.dumps(clean(record), separators=(",", ":"))


def scores(model, x, flip):
    """The logits, or with flip the log of the mean softmax of each image and its mirror image, as netdsl's --flip."""
    if not flip:
        return model(x)
    return torch.logsumexp(torch.stack([F.log_softmax(model(x), 1), F.log_softmax(model(x.flip(3)), 1)]), 0) - math.log(2)


def update_average(average, network, step, decay):
    """netdsl's --ema after optimizer step `step` (from 0): average = d * average + (1 - d) * weights with
    d = min(decay, (1 + step) / (10 + step)); integer buffers are copied."""
    d = min(decay, (1 + step) / (10 + step))
    with torch.no_grad():
        for mean, live in zip(average.state_dict().values(), network.state_dict().values()):
            if mean.is_floating_point():
                mean.mul_(d).add_(live, alpha=1 - d)
            else:
                mean.copy_(live)


def evaluate(model, images, labels, classes, fit, ranks, batch_size, flip):
    """This rank's share of the test images (every world-size-th from its rank), then the sums of all ranks."""
    metrics = Metrics(classes, ranks.device)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for start in range(ranks.rank * batch_size, len(images), ranks.world * batch_size):
            x = torch.from_numpy(fit(images[start:start + batch_size])).to(ranks.device)
            y = torch.from_numpy(labels[start:start + batch_size]).to(ranks.device)
            logits = scores(model, x, flip)
            metrics.add(logits, y, F.cross_entropy(logits, y))
    model.train(was_training)
    return metrics.summary(ranks)


def synchronise_buffers(model, ranks):
    """Batch-norm statistics from rank 0: every rank updates its own with its own batches, as DDP leaves them."""
    if ranks.world > 1:
        for buffer in model.buffers():
            dist.broadcast(buffer, 0)


def state_digest(model):
    digest = hashlib.sha256()
    for key, tensor in model.state_dict().items():
        digest.update(key.encode("utf-8"))
        digest.update(tensor.detach().cpu().contiguous().view(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def train(args, ranks):
    data, error = attempt(lambda: (load_split(args, "train"), load_split(args, "test")))
    ranks.agree(error)
    (train_images, train_labels, class_names), (test_images, test_labels, _) = data
    classes = len(class_names)
    name = args.data.lower()
    mean, std = DATA_STATISTICS[name] if name in DATA_STATISTICS else measured_statistics(train_images)
    fit, error = attempt(lambda: Fit(train_images.shape[1:], mean, std, args.augment, args.erase))
    ranks.agree(error)

    if CLASSES_PARAMETER is None:
        ranks.agree(Stop(EXIT_USAGE, f"{NETWORK} has no 'classes' parameter, so its output cannot be fitted to the data's {classes} classes. "
                                     "Declare 'params: { classes: int = 1000 }' and end with 'linear: { out: $classes }'."))
    torch.manual_seed(args.seed)
    model = Network(**{CLASSES_PARAMETER: classes})
    _, error = attempt(lambda: load_weights(model, args.weights)) if args.weights and ranks.main else (None, None)
    ranks.agree(error)
    torch.manual_seed(args.seed + ranks.rank)  # dropout differs between ranks; the weights are rank 0's
    cuda = ranks.device.type == "cuda"
    bf16 = args.precision == "bf16" or (args.precision == "auto" and cuda)
    autocast = (lambda: torch.autocast("cuda", dtype=torch.bfloat16)) if bf16 else contextlib.nullcontext
    memory_format = torch.channels_last if cuda else torch.contiguous_format
    model = model.to(ranks.device, memory_format=memory_format)
    network = model
    average = None if args.ema is None else copy.deepcopy(network)
    if ranks.world > 1:
        model = DistributedDataParallel(model, device_ids=[ranks.device.index] if cuda else None)

    sampler = DistributedSampler(range(len(train_images)), num_replicas=ranks.world, rank=ranks.rank, shuffle=True, seed=args.seed)
    batches = BatchSampler(sampler, args.batch_size, drop_last=False)
    dataset = Batches(train_images, train_labels, fit, args.seed if args.augment or args.erase > 0 else None)
    workers = args.workers if args.workers is not None else (4 if cuda else 0)
    loader = DataLoader(dataset, sampler=batches, batch_size=None, num_workers=workers, pin_memory=cuda)
    optimizer = optimizer_for(args, [p for p in network.parameters() if p.requires_grad])
    base_rates = [group["lr"] for group in optimizer.param_groups]
    factor = schedule_for(args)
    weights = getattr(network, "aux_loss_weights", {})

    if ranks.main:
        os.makedirs(args.out, exist_ok=True)
        open(os.path.join(args.out, "metrics.jsonl"), "w").close()
        print(f"{NETWORK} {list(INPUT_SHAPE)} on {args.data}: {len(train_images)} training and {len(test_images)} test images "
              f"{list(train_images.shape[1:])} on {ranks.world} process(es) ({ranks.backend}, {ranks.device.type}{', bf16' if bf16 else ''}); writing to {args.out}.", flush=True)
    best = None
    validation = None
    steps = 0
    kept = network if average is None else average  # what is evaluated and saved
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        dataset.epoch = epoch
        metrics = Metrics(classes, ranks.device)
        model.train()
        clock, waited, learning_rate = time.perf_counter(), 0.0, 0.0
        wait_start = time.perf_counter()
        for step, (images, labels) in enumerate(loader):
            waited += time.perf_counter() - wait_start
            images = images.to(ranks.device, non_blocking=True, memory_format=memory_format)
            labels = labels.to(ranks.device, non_blocking=True)
            learning_rate = factor(epoch + step / len(batches))
            for group, rate in zip(optimizer.param_groups, base_rates):
                group["lr"] = rate * learning_rate
            optimizer.zero_grad(set_to_none=True)
            with autocast():
                output = model(images)
                logits = output[0] if isinstance(output, tuple) else output
                loss = F.cross_entropy(logits, labels, label_smoothing=args.label_smoothing)
                for head, weight in weights.items():
                    if isinstance(output, tuple) and weight != 0:
                        loss = loss + weight * F.cross_entropy(getattr(output, head), labels, label_smoothing=args.label_smoothing)
            loss.backward()
            if args.clip is not None:
                torch.nn.utils.clip_grad_norm_(network.parameters(), args.clip)
            optimizer.step()
            if average is not None:
                update_average(average, network, steps, args.ema)
            steps += 1
            metrics.add(logits, labels, loss)
            wait_start = time.perf_counter()
        seconds = time.perf_counter() - clock
        summary = metrics.summary(ranks)
        if not math.isfinite(summary["loss"]):
            raise Stop(EXIT_FAILED, f"The loss diverged in epoch {epoch + 1} ({summary['loss']}); lower --lr or add --warmup or --clip.")
        synchronise_buffers(network, ranks)
        if average is not None:
            synchronise_buffers(average, ranks)
        validation = evaluate(kept, test_images, test_labels, classes, fit, ranks, args.batch_size, args.flip)
        is_best = best is None or validation["accuracy"] > best
        best = validation["accuracy"] if is_best else best
        if ranks.main:
            record = {"type": "epoch", "epoch": epoch, "train": summary, "validation": validation, "learning_rate": base_rates[-1] * learning_rate,
                      "seconds": seconds, "images_per_second": summary["count"] / seconds, "data_wait_seconds": waited, "is_best": is_best}
            with open(os.path.join(args.out, "metrics.jsonl"), "a") as stream:
                stream.write(json_line(record) + "\n")
            print(f"epoch {epoch + 1}/{args.epochs}: train loss {summary['loss']:.4f}, accuracy {100 * summary['accuracy']:.2f} %; "
                  f"test loss {validation['loss']:.4f}, top-1 error {100 * validation['top1_error']:.2f} %; "
                  f"{summary['count'] / seconds:.0f} images/s", flush=True)

    digests = [state_digest(kept)]
    if ranks.world > 1:
        digests = [None] * ranks.world
        dist.all_gather_object(digests, state_digest(kept))
    if ranks.main:
        metadata = {"model": NETWORK, "classes": str(classes), "data": args.data, "epochs": str(args.epochs),
                    "test_top1_error": repr(validation["top1_error"]),
                    # what netdsl predict needs, under the keys and in the JSON netdsl train --export writes
                    "netdsl.classes": json.dumps(list(class_names)), "netdsl.mean": json.dumps(list(mean)),
                    "netdsl.std": json.dumps(list(std)), "netdsl.input": json.dumps(list(INPUT_SHAPE)),
                    "netdsl.data_shape": json.dumps([int(d) for d in train_images.shape[1:]])}
        write_safetensors(os.path.join(args.out, "final.safetensors"), kept.state_dict(), metadata)
        with open(os.path.join(args.out, "ranks.json"), "w") as stream:
            json.dump({"world_size": ranks.world, "backend": ranks.backend, "state_dict_sha256": digests}, stream)
            stream.write("\n")
        print(f"\nTest: {validation['count']} images, loss {validation['loss']:.4f}, top-1 error {100 * validation['top1_error']:.2f} %, "
              f"top-5 error {100 * validation['top5_error']:.2f} %")
        print(f"Wrote {os.path.join(args.out, 'final.safetensors')} ({NETWORK}; netdsl eval --model {NETWORK} --checkpoint it).")
    if len(set(digests)) != 1:
        raise Stop(EXIT_FAILED, f"The ranks ended with different weights (state-dict SHA-256 by rank: {', '.join(digests)}).")


def main():
    args = parse_arguments()
    try:
        ranks = Ranks(args)
        train(args, ranks)
    except Stop as error:
        print(f"train.py: error: {error}", file=sys.stderr, flush=True)
        return error.code
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
