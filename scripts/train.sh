#!/usr/bin/env bash
# The main job: installs Fashion-MNIST from Debian if it is missing, builds, and trains the generated
# FashionResNet (samples/NetDsl.FashionMnist) on the full 60 000 / 10 000 split.
# Usage: bash scripts/train.sh [--epochs N] [--units N] [--out DIR] [--limit N] ...   (all options: --help)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/apt-install.sh dataset-fashion-mnist fonts-dejavu-core  # the data; a sans-serif face for curves.png

dotnet build samples/NetDsl.FashionMnist -c Release
exec dotnet samples/NetDsl.FashionMnist/bin/Release/net10.0/linux-x64/NetDsl.FashionMnist.dll "$@"
