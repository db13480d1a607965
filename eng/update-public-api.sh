#!/usr/bin/env bash
# Regenerates every library's PublicAPI.Unshipped.txt from the code, then checks the result with a build.
# Usage: eng/update-public-api.sh   (from anywhere in the repository; slow: six dotnet format runs and a build).
# See docs/contributing.md.
#
# The libraries are the projects under src/ that have a PublicAPI.Shipped.txt. Shipped is never touched: it changes
# only at a release. Unshipped is rebuilt from scratch, so added, removed and changed members are all handled; its
# "*REMOVED*" lines (removals of shipped API, written by hand) are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

projects=()
for shipped in src/*/PublicAPI.Shipped.txt; do
  dir="$(dirname "$shipped")"
  projects+=("$dir/$(basename "$dir").csproj")
  unshipped="$dir/PublicAPI.Unshipped.txt"
  removed="$( { grep -E '^\*REMOVED\*' "$unshipped" 2>/dev/null || true; } )"
  { printf '#nullable enable\n'; if [ -n "$removed" ]; then printf '%s\n' "$removed"; fi; } > "$unshipped"
done

# RS0016's code fix adds every missing public symbol, with its nullability, to PublicAPI.Unshipped.txt. One project
# at a time: given a solution (filter), dotnet format fixes only the first project.
for project in "${projects[@]}"; do
  echo "Updating $(dirname "$project")/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info
done

# The files must now match the code for both target frameworks (RS0016/RS0017/RS0036/RS0037 are errors).
dotnet build eng/Packages.slnf -c Release -warnaserror -nologo -clp:NoSummary
echo "Public API files updated; review them with: git diff -- 'src/*/PublicAPI.*.txt'"
