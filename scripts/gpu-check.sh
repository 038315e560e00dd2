#!/usr/bin/env bash
# Run from the unpacked GPU bundle (netdsl-gpu/, made by scripts/gpu-bundle.sh) on a GPU machine: checks that
# netdsl trains on the machine's own PyTorch libtorch and measures it, writing everything to one report.
#   1. the machine: GPU, Python, torch version and its lib folder
#   2. which libtorch symbols TorchSharp's shim imports that this libtorch lacks (nm), and netdsl's own check
#   3. netdsl train --device cuda on ResNet18 and CifarResNetA, a few hundred steps each (synthetic data)
#   4. one training step on CUDA and on the CPU from the same weights and batch must agree to 1e-3 relative
#   5. ResNet-50 training at 224x224: images/s of netdsl bench against PyTorch eager, same GPU, batch and steps
# Usage: bash gpu-check.sh [--report FILE] [--device cuda|cpu] [--quick]
#   --device cpu   the same steps on the CPU (CI runs them so, against NuGet's libtorch); step 4 then compares cpu with cpu
#   --quick        the smallest runs (a few images, one timed step): proves the steps work, measures nothing
# The libtorch is NETDSL_LIBTORCH's, else that of the PyTorch of ${NETDSL_PYTHON:-python3}, as for ./netdsl.
# Exit code: 0 when every step passed, 1 otherwise (the report says which failed, and stops after step 2 when
# the shim cannot run on this libtorch).
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
report=$here/gpu-report.md
device=cuda
quick=false
while [ $# -gt 0 ]; do
    case "$1" in
        --report) report=$2; shift 2 ;;
        --device) device=$2; shift 2 ;;
        --quick) quick=true; shift ;;
        *) echo "gpu-check: unknown argument '$1'; usage: bash gpu-check.sh [--report FILE] [--device cuda|cpu] [--quick]" >&2; exit 2 ;;
    esac
done
python=${NETDSL_PYTHON:-python3}
netdsl=$here/netdsl
work=$(mktemp -d "${TMPDIR:-/tmp}/netdsl-gpu-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=()
summary=()

if $quick; then
    resnet18=(--epochs 1 --limit 8 --batch-size 8); cifar=(--epochs 1 --limit 64 --batch-size 32)
    bench=(--batch-size 2 --warmup 0 --steps 1); check18=(--batch-size 2)
else
    # 2 048 synthetic training images: 5 epochs of 64 steps and 20 epochs of 16 steps.
    resnet18=(--epochs 5 --batch-size 32); cifar=(--epochs 20 --batch-size 128)
    bench=(--batch-size 64 --warmup 10 --steps 30); check18=(--batch-size 4)
fi

note() { printf '%s\n' "$*" >>"$report"; }

# step TITLE COMMAND...: runs the command, puts it and its output (the last 40 lines) in the report, records the result.
step() {
    local title=$1; shift
    local log=$work/step.log status
    echo "gpu-check: $title" >&2
    "$@" >"$log" 2>&1
    status=$?
    { echo; echo "### $title"; echo; echo '```'; echo "\$ $*"; tail -n 40 "$log"; echo "(exit code $status)"; echo '```'; } >>"$report"
    if [ "$status" -eq 0 ]; then summary+=("| $title | pass |"); else summary+=("| $title | **fail** (exit code $status) |"); failed+=("$title"); fi
    cp "$log" "$work/last.log"
    return "$status"
}

last_line() { grep -E "$1" "$work/last.log" | tail -n 1; }

libtorch_folder() {
    if [ -n "${NETDSL_LIBTORCH:-}" ]; then
        if [ -f "$NETDSL_LIBTORCH/libtorch_cpu.so" ]; then echo "$NETDSL_LIBTORCH"; else echo "$NETDSL_LIBTORCH/lib"; fi
    else
        "$python" -c "import os, torch; print(os.path.join(os.path.dirname(os.path.abspath(torch.__file__)), 'lib'))" 2>/dev/null
    fi
}

# The shim's imports without a symbol version (libtorch's and c10's; the C and C++ runtimes version theirs)
# that none of libc10.so, libtorch_cpu.so and libtorch.so defines.
missing_symbols() {
    local lib=$1
    nm -D --undefined-only "$here/bin/libLibTorchSharp.so" | awk '$1 == "U" && $2 !~ /@/ { print $2 }' | sort -u >"$work/imports.txt"
    nm -D --defined-only "$lib/libc10.so" "$lib/libtorch_cpu.so" "$lib/libtorch.so" | awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }' | sort -u >"$work/exports.txt"
    comm -23 "$work/imports.txt" "$work/exports.txt" >"$work/missing.txt"
    echo "TorchSharp's shim imports $(wc -l <"$work/imports.txt") unversioned symbols; $lib defines $(wc -l <"$work/exports.txt") (libc10.so, libtorch_cpu.so, libtorch.so); missing: $(wc -l <"$work/missing.txt")"
    if command -v c++filt >/dev/null; then c++filt <"$work/missing.txt"; else cat "$work/missing.txt"; fi
    [ ! -s "$work/missing.txt" ]
}

: >"$report"
note "# netdsl GPU check"
note ""
note "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); host: $(uname -srm); mode: --device $device$($quick && echo ' --quick')"
note "- bundle: $(tr '\n' ';' <"$here/BUILD-INFO" 2>/dev/null || echo 'no BUILD-INFO')"
note "- NETDSL_LIBTORCH: ${NETDSL_LIBTORCH:-(unset)}; Python: $python"

step "GPU" bash -c 'if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; else echo "no nvidia-smi on PATH"; fi'
step "Python's torch" "$python" -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda, "cuDNN", torch.backends.cudnn.version(), "available:", torch.cuda.is_available()); print(torch.__file__)'

lib=$(libtorch_folder)
if [ -z "$lib" ] || [ ! -f "$lib/libtorch_cpu.so" ]; then
    note ""; note "No libtorch folder found (NETDSL_LIBTORCH unset and $python has no torch): nothing more to check."
    exit 1
fi
symbols_ok=true
step "Symbols the shim needs from $lib (nm)" missing_symbols "$lib" || symbols_ok=false
step "netdsl libtorch --symbols" "$netdsl" libtorch --symbols || symbols_ok=false
if ! $symbols_ok; then
    note ""; note "TorchSharp's shim cannot run on this libtorch: the symbols above are missing. Stopped here."
    { echo; echo "## Summary"; echo; echo "| step | result |"; echo "| --- | --- |"; printf '%s\n' "${summary[@]}"; } >>"$report"
    exit 1
fi
step "netdsl libtorch" "$netdsl" libtorch

for model in ResNet18 CifarResNetA; do
    if [ "$model" = ResNet18 ]; then options=("${resnet18[@]}"); else options=("${cifar[@]}"); fi
    if step "Train $model on $device" "$netdsl" train --model "$model" --data synthetic --device "$device" --seed 0 "${options[@]}" --out "$work/runs/$model"; then
        summary+=("| └ last epoch | \`$(last_line '^epoch [0-9]+/')\` |")
    fi
done

for model in CifarResNetA ResNet18; do
    if [ "$model" = ResNet18 ]; then options=("${check18[@]}"); else options=(); fi
    step "One step of $model on $device and on the CPU" "$netdsl" device-check --model "$model" --device "$device" --reference cpu --tolerance 1e-3 "${options[@]}" \
        && summary+=("| └ agreement | $(last_line 'one SGD step' | sed 's/.*: loss/loss/') |")
done

if step "ResNet50 training speed, netdsl" "$netdsl" bench --model ResNet50 --device "$device" --classes 1000 "${bench[@]}"; then
    dotnet_line=$(last_line 'images/s')
    summary+=("| └ netdsl | $dotnet_line |")
fi
if step "ResNet50 training speed, PyTorch eager" "$python" "$here/pytorch_train_speed.py" --device "$device" --classes 1000 "${bench[@]}"; then
    summary+=("| └ PyTorch | $(last_line 'images/s') |")
fi

{ echo; echo "## Summary"; echo; echo "| step | result |"; echo "| --- | --- |"; printf '%s\n' "${summary[@]}"; } >>"$report"
echo "gpu-check: report in $report; ${#failed[@]} step(s) failed${failed:+: ${failed[*]}}" >&2
[ ${#failed[@]} -eq 0 ]
