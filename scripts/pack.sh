#!/usr/bin/env bash
# Builds the NetDsl packages, all with one version (Directory.Build.props), into artifacts/feed/:
#   NetDsl            the generator, the modules generated code is built from, the attributes, the spec schema
#   NetDsl.Runtime    training, data, weights, reporting
#   NetDsl.Tool       the netdsl command (dotnet tool install NetDsl.Tool), with the zoo's specs
#   NetDsl.Templates  dotnet new netdsl-classifier and netdsl-block
# Usage: bash scripts/pack.sh [--out DIR] [--version X.Y.Z[-suffix]]
# Then, in a project folder: dotnet new install artifacts/feed/NetDsl.Templates.<version>.nupkg; dotnet new
# netdsl-classifier; add the feed as a package source (README.md, "Using it in a project").
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=artifacts/feed
version=""
while (($#)); do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "pack.sh: unknown option '$1'; use --out DIR and --version X.Y.Z." >&2; exit 2 ;;
  esac
done

properties=(-c Release -o "$out" -p:NuGetAudit=false)
[[ -z "$version" ]] || properties+=("-p:Version=$version")
# The repository's URL and commit go into every package's metadata, where there are some to give.
commit=$(git rev-parse HEAD 2>/dev/null || true)
[[ -z "$commit" ]] || properties+=("-p:RepositoryCommit=$commit")
url=$(git remote get-url origin 2>/dev/null || true)
[[ -z "$url" ]] || properties+=("-p:RepositoryUrl=$url" "-p:PackageProjectUrl=${url%.git}")

mkdir -p "$out"
for project in src/NetDsl.Nn src/NetDsl.Runtime src/NetDsl.Cli src/NetDsl.Templates; do
  dotnet pack "$project" "${properties[@]}" -v quiet -nologo
done
ls -1 "$out"/*.nupkg
