"""The torchvision side of the zoo's parity tests (TorchvisionParityTests.cs).

export MODEL DIR    builds torchvision's MODEL with random weights (batch-norm statistics and affine parameters
                    randomised too, so that a misplaced norm cannot hide), and writes DIR/weights.safetensors (the
                    whole state dict), DIR/io.safetensors (a random input batch and the model's eval-mode output)
                    and DIR/reference.json (parameter count and state-dict keys in order).
check MODEL DIR     loads DIR/exported.safetensors (written by NetDsl) into a fresh torchvision MODEL with
                    strict=True, runs DIR/io.safetensors's input and prints the largest difference from its output
                    relative to the output's largest magnitude, as JSON.

Safetensors are written and read by reference_io.py, with numpy (no safetensors package is installed here).
"""
import json
import sys

import torch
import torchvision

from reference_io import randomise_norms, read_safetensors, write_safetensors

INPUT_SIZE = {"inception_v3": 299}


def build(name):
    constructor = getattr(torchvision.models, name)
    if name in ("googlenet", "inception_v3"):
        return constructor(weights=None, aux_logits=True, init_weights=True)
    return constructor(weights=None)


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
