#!/usr/bin/env bash
# The seeds' lessons (docs/lessons.md): installs Fashion-MNIST from Debian when it is missing, builds, and runs the
# degradation, residual-Inception and ensemble experiments; each lesson writes its tables to runs/lessons/<lesson>/results.md.
# Usage: bash scripts/lessons.sh [all|degradation|inception|ensemble] [options]   (--help lists them)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/apt-install.sh dataset-fashion-mnist fonts-dejavu-core  # the data; a sans-serif face for the pictures

dotnet build samples/NetDsl.Lessons -c Release
exec dotnet samples/NetDsl.Lessons/bin/Release/net10.0/linux-x64/NetDsl.Lessons.dll "$@"
