#!/usr/bin/env bash
# Runs every NetDsl benchmark and writes the logs to runs/bench-<UTC time>/ (docs/benchmarks.md explains them).
# Usage: bash scripts/bench.sh [pipeline] [driver] [train] [memory] [inference]    (no argument: all five)
# Installs Debian's PyTorch (python3-torch) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(pipeline driver train memory inference)
threads=${BENCH_THREADS:-2}
out=runs/bench-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

if [[ " ${parts[*]} " == *" train "* || " ${parts[*]} " == *" inference "* ]]; then
    bash scripts/apt-install.sh python3-torch >"$out/apt.log" 2>&1 \
        || echo "bench: installing python3-torch failed (see $out/apt.log); PyTorch is left out" >&2
fi

dotnet build tests/NetDsl.Benchmarks/NetDsl.Benchmarks.csproj -c Release
bin=tests/NetDsl.Benchmarks/bin/Release/net10.0/linux-x64/NetDsl.Benchmarks

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores"
    # "AMD EPYC" names several generations here; the family, model and vector width tell them apart.
    echo "cpu family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs), model $(grep -m1 '^model[[:space:]]' /proc/cpuinfo | cut -d: -f2 | xargs), $(grep -m1 '^flags' /proc/cpuinfo | grep -o -w 'avx512f' || echo 'no avx512f')"
    echo "load average at start: $(cat /proc/loadavg)"
    echo "dotnet: $(dotnet --version)"
} | tee "$out/machine.txt"

for part in "${parts[@]}"; do
    echo "== $part" >&2
    case "$part" in
        pipeline|driver)
            (cd "$out" && "$OLDPWD/$bin" "$part") 2>&1 | tee "$out/$part.log" ;;
        train)
            "$bin" train --threads "$threads" --pytorch scripts/pytorch_step.py 2>&1 | tee "$out/train.log" ;;
        memory)
            "$bin" memory --threads "$threads" 2>&1 | tee "$out/memory.log" ;;
        inference)
            "$bin" inference --threads "$threads" --warmup 2 --steps 7 --pytorch scripts/pytorch_infer.py 2>&1 | tee "$out/inference.log" ;;
        *)
            echo "bench: unknown part '$part' (pipeline, driver, train, memory, inference)" >&2; exit 2 ;;
    esac
done
echo "bench: logs in $out" >&2
