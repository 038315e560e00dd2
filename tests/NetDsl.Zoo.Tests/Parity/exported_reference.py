"""The PyTorch side of the exported networks' parity tests (ExportedParityTests.cs, TrainingStepParityTests.cs).

serve    answers one JSON request per line of standard input with one JSON line on standard output, so that
         torch is imported once for every network:

  {"command": "compare", "folder": F, "module": M, "class": C}
      imports module M from folder F (written by netdsl's PyTorch back end), builds C with its default arguments,
      loads F/netdsl.safetensors (the TorchSharp model's state dict) with strict=True, runs F/netdsl_io.safetensors's
      input in eval mode; then builds C afresh with PyTorch's own random weights (batch norms randomised), runs the
      same input, and writes F/pytorch.safetensors and F/pytorch_io.safetensors for the other direction. Answers
      the state-dict keys and parameter names in order, and the largest difference from netdsl's output and that
      output's largest magnitude.
  {"command": "step", "folder": F, "module": M, "class": C, "lr": …, "momentum": …, "weight_decay": …, "steps": n}
      loads F/netdsl.safetensors (float64) into C, and takes n SGD steps on F/batch.safetensors in training mode
      (batch norm on batch statistics; dropout off, as its masks are random), the loss being cross-entropy plus
      each auxiliary head's weighted; writes F/pytorch_after.safetensors.
"""
import importlib
import json
import sys
import traceback

import torch
import torch.nn.functional as F

from reference_io import randomise_norms, read_safetensors, write_safetensors


def network(request):
    sys.path.insert(0, request["folder"])
    try:
        module = importlib.import_module(request["module"])
    finally:
        sys.path.pop(0)
    return getattr(module, request["class"])()


def compare(request):
    folder = request["folder"]
    model = network(request)
    model.load_state_dict(read_safetensors(f"{folder}/netdsl.safetensors"), strict=True)
    model.eval()
    io = read_safetensors(f"{folder}/netdsl_io.safetensors")
    with torch.no_grad():
        output = model(io["input"])
    answer = {"keys": list(model.state_dict().keys()), "parameters": [name for name, _ in model.named_parameters()],
              "max_abs_difference": (output - io["output"]).abs().max().item(), "max_abs_output": io["output"].abs().max().item()}

    torch.manual_seed(0)
    ours = network(request)
    with torch.no_grad():
        randomise_norms(ours, torch.Generator().manual_seed(1))
    ours.eval()
    with torch.no_grad():
        output = ours(io["input"])
    write_safetensors(f"{folder}/pytorch.safetensors", ours.state_dict())
    write_safetensors(f"{folder}/pytorch_io.safetensors", {"input": io["input"], "output": output})
    return answer


def step(request):
    folder = request["folder"]
    model = network(request).double()
    model.load_state_dict(read_safetensors(f"{folder}/netdsl.safetensors"), strict=True)
    model.train()
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.eval()
    batch = read_safetensors(f"{folder}/batch.safetensors")
    optimizer = torch.optim.SGD(model.parameters(), lr=request["lr"], momentum=request["momentum"], weight_decay=request["weight_decay"])
    losses = []
    for _ in range(request["steps"]):
        optimizer.zero_grad()
        output = model(batch["input"])
        logits = output[0] if isinstance(output, tuple) else output
        loss = F.cross_entropy(logits, batch["labels"])
        for head, weight in getattr(model, "aux_loss_weights", {}).items():
            loss = loss + weight * F.cross_entropy(getattr(output, head), batch["labels"])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    write_safetensors(f"{folder}/pytorch_after.safetensors", model.state_dict())
    return {"losses": losses}


def serve():
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = {"compare": compare, "step": step}[request["command"]](request)
        except Exception:
            answer = {"error": traceback.format_exc()}
        try:
            text = json.dumps(answer, allow_nan=False)
        except ValueError:
            text = json.dumps({"error": f"the answer holds a value that is not finite: {answer}"})
        print(text, flush=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        sys.exit("usage: exported_reference.py serve")
    torch.set_num_threads(2)
    serve()
