"""The torchvision side of the zoo's parity tests (TorchvisionParityTests.cs).

export MODEL DIR    builds torchvision's MODEL with random weights (batch-norm statistics and affine parameters
                    randomised too, so that a misplaced norm cannot hide), and writes DIR/weights.safetensors (the
                    whole state dict), DIR/io.safetensors (a random input batch and the model's eval-mode output)
                    and DIR/reference.json (parameter count and state-dict keys in order).
check MODEL DIR     loads DIR/exported.safetensors (written by NetDsl) into a fresh torchvision MODEL with
                    strict=True, runs DIR/io.safetensors's input and prints the largest difference from its output
                    relative to the output's largest magnitude, as JSON.

No safetensors package is installed here, so the format is written and read with numpy: an 8-byte little-endian
header length, a JSON header, then the tensors' bytes back to back.
"""
import json
import struct
import sys

import numpy as np
import torch
import torchvision

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.int64: "I64",
          torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}
NUMPY = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32,
         "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_}
INPUT_SIZE = {"inception_v3": 299}


def build(name):
    constructor = getattr(torchvision.models, name)
    if name in ("googlenet", "inception_v3"):
        return constructor(weights=None, aux_logits=True, init_weights=True)
    return constructor(weights=None)


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for key, tensor in tensors.items():
        data = tensor.detach().cpu().contiguous().numpy().tobytes()
        header[key] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as stream:
        stream.write(struct.pack("<Q", len(text)))
        stream.write(text)
        for blob in blobs:
            stream.write(blob)


def read_safetensors(path):
    with open(path, "rb") as stream:
        (length,) = struct.unpack("<Q", stream.read(8))
        header = json.loads(stream.read(length))
        buffer = stream.read()
    header.pop("__metadata__", None)
    tensors = {}
    for key, entry in header.items():
        begin, end = entry["data_offsets"]
        array = np.frombuffer(buffer[begin:end], dtype=NUMPY[entry["dtype"]]).reshape(entry["shape"])
        tensors[key] = torch.from_numpy(array.copy())
    return tensors


def randomise_norms(model, generator):
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            channels = module.num_features
            module.running_mean.copy_(torch.randn(channels, generator=generator) * 0.1)
            module.running_var.copy_(torch.rand(channels, generator=generator) + 0.5)
            module.weight.data.copy_(torch.rand(channels, generator=generator) + 0.5)
            module.bias.data.copy_(torch.randn(channels, generator=generator) * 0.1)


def export(name, folder):
    torch.manual_seed(0)
    model = build(name)
    generator = torch.Generator().manual_seed(1)
    with torch.no_grad():
        randomise_norms(model, generator)
    model.eval()
    size = INPUT_SIZE.get(name, 224)
    batch = torch.randn(2, 3, size, size, generator=generator)
    with torch.no_grad():
        output = model(batch)
    state = model.state_dict()
    write_safetensors(f"{folder}/weights.safetensors", state)
    write_safetensors(f"{folder}/io.safetensors", {"input": batch, "output": output})
    reference = {"parameters": sum(p.numel() for p in model.parameters()), "keys": list(state.keys()),
                 "torch": torch.__version__, "torchvision": torchvision.__version__}
    with open(f"{folder}/reference.json", "w") as stream:
        json.dump(reference, stream)


def check(name, folder):
    model = build(name)
    model.load_state_dict(read_safetensors(f"{folder}/exported.safetensors"), strict=True)
    model.eval()
    io = read_safetensors(f"{folder}/io.safetensors")
    with torch.no_grad():
        output = model(io["input"])
    difference = (output - io["output"]).abs().max().item()
    print(json.dumps({"max_abs_difference": difference, "max_abs_output": io["output"].abs().max().item()}))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("export", "check"):
        sys.exit("usage: torchvision_reference.py export|check MODEL DIR")
    torch.set_num_threads(2)
    {"export": export, "check": check}[sys.argv[1]](sys.argv[2], sys.argv[3])
