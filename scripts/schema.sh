#!/usr/bin/env bash
# Regenerates schema/netdsl.schema.json, the JSON Schema of .net.yaml files that editors read (docs/editor.md), with
# `netdsl schema`, which prints it from the language's own tables. The NetDsl package ships this file.
# Usage: bash scripts/schema.sh            writes schema/netdsl.schema.json
#        bash scripts/schema.sh --check    exits 1 if the file differs from what would be written
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/generated.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

target=schema/netdsl.schema.json
check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "schema.sh: unknown option '$1'; use no option to write $target, or --check to compare it." >&2; exit 2 ;;
esac

dotnet build src/NetDsl.Cli -c Release -v quiet >&2
netdsl=src/NetDsl.Cli/bin/Release/net10.0/netdsl
[[ -x "$netdsl" ]] || { echo "schema.sh: the build left no $netdsl." >&2; exit 1; }

out=$(mktemp "${target}.XXXXXX")
trap 'rm -f "$out"' EXIT
"$netdsl" schema --out "$out"

finish_generated schema.sh "$target" "$out" "$check"
