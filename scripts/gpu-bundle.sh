#!/usr/bin/env bash
# Builds the GPU bundle: one archive with netdsl published self-contained for linux-x64 and no libtorch of its
# own, to train on a GPU machine's own PyTorch libtorch with no .NET and no network there (docs/gpu.md).
# Usage: bash scripts/gpu-bundle.sh --out DIR    (writes DIR/netdsl-gpu-linux-x64.tar.gz, at most 64 MiB)
# On the GPU machine: tar -xzf netdsl-gpu-linux-x64.tar.gz && netdsl-gpu/netdsl train --model ResNet18 --data synthetic --device cuda
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

usage="usage: bash scripts/gpu-bundle.sh --out DIR"
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) [ $# -ge 2 ] || { echo "gpu-bundle: --out needs a folder; $usage" >&2; exit 2; }; out=$2; shift 2 ;;
        -h|--help) echo "$usage"; exit 0 ;;
        *) echo "gpu-bundle: unknown argument '$1'; $usage" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || { echo "gpu-bundle: --out is required; $usage" >&2; exit 2; }

limit=$((64 * 1024 * 1024))
archive=$(mkdir -p "$out" && cd "$out" && pwd)/netdsl-gpu-linux-x64.tar.gz
# Its own build folders (--artifacts-path), so the repository's bin/ and obj/ keep their libtorch and stay up to date.
work=artifacts/gpu-bundle
stage=$work/stage/netdsl-gpu
rm -rf "$work/stage"
mkdir -p "$stage"

# LibTorchPackage=none leaves libtorch out; NetDslWeakenGlibcxx=always applies the Debian 12 fix to the shim
# whatever this machine's libstdc++ is, since the bundle runs elsewhere (docs/torchsharp-on-debian.md).
dotnet publish src/NetDsl.Cli -c Release -p:PublishProfile=gpu-bundle -p:LibTorchPackage=none -p:NetDslWeakenGlibcxx=always \
    --artifacts-path "$work/build" -o "$stage/bin" >"$work/publish.log" 2>&1 \
    || { tail -n 30 "$work/publish.log" >&2; echo "gpu-bundle: dotnet publish failed (log: $work/publish.log)" >&2; exit 1; }

if compgen -G "$stage/bin/libtorch*.so" >/dev/null || compgen -G "$stage/bin/libc10*.so" >/dev/null; then
    echo "gpu-bundle: $stage/bin holds a libtorch; the bundle must carry none" >&2
    exit 1
fi
if ! readelf -V "$stage/bin/libLibTorchSharp.so" | grep -q 'Name: GLIBCXX_3.4.32  Flags: WEAK'; then
    echo "gpu-bundle: $stage/bin/libLibTorchSharp.so does not need GLIBCXX_3.4.32 weakly" >&2
    exit 1
fi

cp scripts/gpu-bundle/netdsl scripts/gpu-bundle/README.md scripts/gpu-bundle/pytorch_train_speed.py scripts/gpu-check.sh "$stage/"
chmod +x "$stage/netdsl" "$stage/gpu-check.sh"
{
    echo "commit: $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "built: $(date -u '+%Y-%m-%d %H:%M UTC') on $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "dotnet: $(dotnet --version)"
} >"$stage/BUILD-INFO"

tar -C "$work/stage" -czf "$archive" netdsl-gpu
size=$(stat -c %s "$archive")
if [ "$size" -gt "$limit" ]; then
    echo "gpu-bundle: $archive is $size bytes, over the 64 MiB ($limit bytes) a GPU run can carry" >&2
    exit 1
fi
echo "gpu-bundle: $archive ($((size / 1024 / 1024)) MiB, $size bytes)"
