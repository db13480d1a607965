#!/usr/bin/env bash
# Brings every library's PublicAPI.Unshipped.txt in line with the code, then checks the result with a build.
# Usage: eng/update-public-api.sh              fast (two builds): adds what RS0016 reports, drops what RS0017 reports
#        eng/update-public-api.sh --regenerate slow (six dotnet format runs): rewrites the files from scratch
# From anywhere in the repository. See docs/contributing.md.
#
# The libraries are the projects under src/ that have a PublicAPI.Shipped.txt. Shipped is never touched: it changes
# only at a release. Unshipped is rebuilt from scratch, so added, removed and changed members are all handled; its
# "*REMOVED*" lines (removals of shipped API, written by hand) are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ "${1:-}" != "--regenerate" ]; then
  # One build with the API diagnostics as plain warnings (so every library builds even when one is out of line),
  # then apply what they say: RS0016 names a missing member exactly as the file spells it, RS0017 a line whose
  # member is gone. A changed member is both.
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  # --no-incremental: an up-to-date library would not run its analyzers and so would report nothing.
  dotnet build eng/Packages.slnf -c Release --no-incremental -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false \
    -p:WarningsAsErrors= > "$log" || true
  /usr/bin/env python3 - "$log" <<'PY'
import re, sys, collections
added, removed = collections.defaultdict(set), collections.defaultdict(set)
pattern = re.compile(r"warning (RS0016|RS0017): Symbol '(.+?)' (?:is not part of|is part of).*\[(.+?)\.csproj")
for line in open(sys.argv[1], encoding="utf-8"):
    m = pattern.search(line)
    if m:
        rule, symbol, project = m.groups()
        (added if rule == "RS0016" else removed)[project.rsplit("/", 1)[0]].add(symbol)
for directory in sorted(set(added) | set(removed)):
    path = directory + "/PublicAPI.Unshipped.txt"
    lines = open(path, encoding="utf-8").read().splitlines()
    kept = [l for l in lines if l not in removed[directory]]
    new = sorted(added[directory] - set(kept))  # appended, so the diff shows exactly the change
    open(path, "w", encoding="utf-8").write("\n".join(kept + new) + "\n")
    print(f"{path}: +{len(added[directory])} -{len(lines) - len(kept)}")
PY
  dotnet build eng/Packages.slnf -c Release --no-incremental -warnaserror -nologo -clp:NoSummary
  echo "Public API files updated; review them with: git diff -- 'src/*/PublicAPI.*.txt'"
  exit 0
fi

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
