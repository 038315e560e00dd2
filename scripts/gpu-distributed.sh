#!/usr/bin/env bash
# The exported PyTorch networks on a GPU machine, which has PyTorch, torchvision and timm but no .NET, in one run of
# a few minutes. Two halves:
#   prepare   here, with .NET: exports CifarResNetA, InceptionV4 and InceptionResNetV2 with netdsl (module and
#             train.py each) and copies Fashion-MNIST and this script's Python half into one folder to carry there
#   run       there, from that folder: writes a markdown report of
#               1. the machine (GPUs, Python, torch, timm)
#               2. the exported Inception-v4 and Inception-ResNet-v2 against timm's own models: keys in order,
#                  shapes, parameter counts, and eval-mode outputs for the same weights, both ways (fp32, TF32 off)
#               3. torchrun --standalone on every GPU (nccl, bf16 autocast): the CIFAR ResNet-20 on Fashion-MNIST
#                  for a short schedule, and Inception-v4 on a Fashion-MNIST subset resized to 299x299; images/s
#                  of each epoch after the first, from the run's metrics.jsonl
# Usage: bash scripts/gpu-distributed.sh prepare [--out DIR]           (default DIR: artifacts/gpu-distributed)
#        bash DIR/gpu-distributed.sh run [--report FILE] [--device cuda|cpu] [--quick]
#   --device cpu   the same steps on the CPU with gloo (a dry run where there is no GPU)
#   --quick        the smallest runs: proves the steps work, measures nothing
# Exit code: 0 when every step passed, 1 otherwise (the report says which).
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
command=${1:-}
shift || true

prepare() {
    local out=artifacts/gpu-distributed
    while [ $# -gt 0 ]; do
        case "$1" in
            --out) out=$2; shift 2 ;;
            *) echo "gpu-distributed: unknown argument '$1'; usage: bash scripts/gpu-distributed.sh prepare [--out DIR]" >&2; exit 2 ;;
        esac
    done
    local repo; repo=$(cd "$here/.." && pwd)
    set -e
    dotnet build "$repo/src/NetDsl.Cli" -c Release -v quiet -nologo
    local netdsl=$repo/src/NetDsl.Cli/bin/Release/net10.0/linux-x64/netdsl
    rm -rf "$out"
    mkdir -p "$out/export" "$out/fashion-mnist"
    for network in CifarResNetA InceptionV4 InceptionResNetV2; do
        "$netdsl" export "$network" --to pytorch --out "$out/export/$network"
    done
    cp /usr/share/datasets/fashion-mnist/*-ubyte.gz "$out/fashion-mnist/" \
        || { echo "gpu-distributed: Fashion-MNIST is missing; install it with: bash scripts/apt-install.sh dataset-fashion-mnist" >&2; exit 3; }
    cp "$here/gpu-distributed.sh" "$here/gpu_distributed.py" "$out/"
    echo "Prepared $out ($(du -sh "$out" | cut -f1)); on the GPU machine run: bash $out/gpu-distributed.sh run"
}

run() {
    local report=$here/gpu-distributed-report.md device=cuda quick=false
    while [ $# -gt 0 ]; do
        case "$1" in
            --report) report=$2; shift 2 ;;
            --device) device=$2; shift 2 ;;
            --quick) quick=true; shift ;;
            *) echo "gpu-distributed: unknown argument '$1'; usage: bash gpu-distributed.sh run [--report FILE] [--device cuda|cpu] [--quick]" >&2; exit 2 ;;
        esac
    done
    local python=${NETDSL_PYTHON:-python3} work failed=() summary=()
    work=$(mktemp -d "${TMPDIR:-/tmp}/netdsl-gpu-distributed.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    local gpus=1 backend=gloo
    if [ "$device" = cuda ]; then
        gpus=$("$python" -c 'import torch; print(torch.cuda.device_count())')
        backend=nccl
        [ "$gpus" -ge 1 ] || { echo "gpu-distributed: torch sees no CUDA device; use --device cpu for a dry run" >&2; exit 1; }
    fi
    local r20=(--epochs 4 --batch-size 512) v4=(--limit 8192 --epochs 2 --batch-size 128)
    if $quick; then r20=(--limit 256 --epochs 2 --batch-size 64); v4=(--limit 16 --epochs 1 --batch-size 4); fi

    # step TITLE COMMAND...: runs the command, puts it and its output (the last 40 lines) in the report, records the result.
    step() {
        local title=$1; shift
        local log=$work/step.log status
        echo "gpu-distributed: $title" >&2
        "$@" >"$log" 2>&1
        status=$?
        { echo; echo "### $title"; echo; echo '```'; echo "\$ $*"; tail -n 40 "$log"; echo "(exit code $status)"; echo '```'; } >>"$report"
        if [ "$status" -eq 0 ]; then summary+=("| $title | pass |"); else summary+=("| $title | **fail** (exit code $status) |"); failed+=("$title"); fi
        return "$status"
    }

    # train NAME RUN ARGS...: torchrun on every GPU of this machine (or one gloo process per CPU run).
    train() {
        local name=$1 out=$2; shift 2
        # --redirects/--tee name an absent rank: their defaults do not parse on Python 3.11 with PyTorch 1.13 (Debian).
        "$python" -m torch.distributed.run --standalone --nproc_per_node="$gpus" --redirects=9:1 --tee=9:1 "$here/export/$name/train.py" \
            --data fashion-mnist --data-dir "$here/fashion-mnist" --device "$device" --backend "$backend" --out "$out" "$@" \
            && "$python" "$here/gpu_distributed.py" throughput "$out/metrics.jsonl"
    }

    { echo "# Exported networks on $(hostname) ($device)"; echo; echo "$(date -u '+%Y-%m-%d %H:%M UTC'), quick: $quick"; } >"$report"
    step "Machine" "$python" "$here/gpu_distributed.py" machine
    step "Inception-v4 and Inception-ResNet-v2 against timm" "$python" "$here/gpu_distributed.py" timm "$here/export" --device "$device"
    step "CIFAR ResNet-20 on Fashion-MNIST, torchrun x$gpus ($backend)" train CifarResNetA "$work/r20" "${r20[@]}"
    step "Inception-v4 on a Fashion-MNIST subset at 299x299, torchrun x$gpus ($backend)" train InceptionV4 "$work/v4" "${v4[@]}"

    { echo; echo "## Summary"; echo; echo "| step | result |"; echo "| --- | --- |"; printf '%s\n' "${summary[@]}"; } >>"$report"
    echo "gpu-distributed: report in $report" >&2
    [ ${#failed[@]} -eq 0 ]
}

case "$command" in
    prepare) prepare "$@" ;;
    run) run "$@" ;;
    *) echo "gpu-distributed: usage: bash scripts/gpu-distributed.sh prepare [--out DIR] | bash DIR/gpu-distributed.sh run [--report FILE] [--device cuda|cpu] [--quick]" >&2; exit 2 ;;
esac
