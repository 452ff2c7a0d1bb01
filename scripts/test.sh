#!/usr/bin/env bash
# The whole test suite: set-up, a strict Release build (warnings are errors), every test project.
# Ends with the line "N passed, N failed[, N skipped]".
#   scripts/test.sh          everything (what .ci/run runs)
#   scripts/test.sh --fast   every test except those marked [Trait("Category", "Slow")] (end-to-end studies,
#                            child processes, whole-quickstart determinism): under a minute of tests on 2 cores
set -uo pipefail
cd "$(dirname "$0")/.."

filter=()
if [[ "${1:-}" == "--fast" ]]; then
  filter=(--filter "Category!=Slow")
fi

scripts/setup.sh --tests || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build SciTransfer.sln -c Release --no-restore -warnaserror -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
dotnet test SciTransfer.sln -c Release --no-build --nologo "${filter[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly result lines: "Passed!  - Failed: 0, Passed: 25, Skipped: 0, Total: 25, ...".
read -r passed failed skipped < <(grep -E "^(Passed|Failed)! +- Failed:" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
assemblies=$(grep -cE "^(Passed|Failed)! +- Failed:" "$log")
rm -f "$log"
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1  # a test host crashed or an assembly did not report
fi
echo "test assemblies reporting: $assemblies"
if ((skipped > 0)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[[ $failed -eq 0 ]]
