#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test project.
# Usage: bash scripts/test.sh    (CI runs exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# jq for scripts/zoo-docs.sh; a sans-serif font for the text of the training plots (curves.png). The zoo's parity
# tests compare with Debian's PyTorch 1.13 and torchvision 0.14, the networks exported for PyTorch are checked with
# pyflakes and trained under torchrun on Fashion-MNIST, the ONNX exports pass onnx.checker (python3-onnx); where these
# cannot be installed, those tests are skipped and say why.
bash scripts/apt-install.sh jq fonts-dejavu-core
bash scripts/apt-install.sh python3-torch python3-torchvision python3-pyflakes python3-onnx dataset-fashion-mnist \
  || echo "warning: python3-torch, python3-torchvision, python3-pyflakes, python3-onnx or dataset-fashion-mnist could not be installed; the tests that need them will be skipped."

dotnet build NetDsl.sln -c Release

log=$(mktemp)
status=0
dotnet test NetDsl.sln -c Release --no-build 2>&1 | tee "$log" || status=$?

# docs/zoo.md and its diagrams (docs/diagrams) are written by the tool from the specs; a spec change that did not
# regenerate them fails here.
bash scripts/zoo-docs.sh --check || status=1
# So is schema/netdsl.schema.json, printed from the language's tables: a changed table must regenerate it.
bash scripts/schema.sh --check || status=1

# One plain closing line over all test assemblies ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
awk '/(Passed|Failed)! +- +Failed: /{
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
