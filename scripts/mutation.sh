#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the dotnet-stryker local tool, .config/dotnet-tools.json) over the
# numerical core and every domain's physics: one Stryker run per target below, each scoped with --mutate to
# one folder and run against that project's test suite. Not part of CI (slow: minutes per folder on 2 cores).
#   scripts/mutation.sh                     every target
#   scripts/mutation.sh heatsink fuel       only targets whose name contains one of the words
#   CONCURRENCY=1 scripts/mutation.sh ...   Stryker test workers (default 2)
#   MUTATE='**/Autodiff/Ops.Binary.cs' SUFFIX=binary scripts/mutation.sh core-autodiff
#                                           one slice of a target's folder (report in <target>-<suffix>/)
#   FILTER='FullyQualifiedName~X' ...       replace the target's test case filter (a faster, lower-bound score)
# Run it niced on a shared machine: nice -n 19 scripts/mutation.sh ...
# Reports go to artifacts/mutation/<target>/ (html, json, and stryker.log with the console output); the last
# line per target is "TARGET score S % (killed K, survived V, timeout T, no coverage N)". Summarised in docs/testing.md.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/artifacts/mutation"
mkdir -p "$out"
dotnet tool restore >/dev/null || exit 1
# Buildalyzer (Stryker's project analysis) gives `dotnet --info` 10 s and, when it overruns on a loaded machine,
# fails with "Could not find build environment" (three runs on 2026-12-06 at load average 50-70): allow 2 minutes.
export DOTNET_INFO_WAIT_TIME=${DOTNET_INFO_WAIT_TIME:-120000}

# name | project under test | test project | mutate glob (relative to the project) | test case filter ("" = all)
# The domain targets run their fast physics/simulation test classes only (the full suites train networks and
# forests for minutes); a mutant those classes miss may still be caught by the rest, so their scores are lower bounds.
hs_filter="FullyQualifiedName~PublishedCorrelation|FullyQualifiedName~NusseltTests|FullyQualifiedName~FvSolverTests|FullyQualifiedName~Sodium_Biot"
fm_filter="FullyQualifiedName~PublishedPhysics|FullyQualifiedName~PhysicsTests"
ep_filter="FullyQualifiedName~Simulator|FullyQualifiedName~GrowthDefinition|FullyQualifiedName~GrowthPipeline"
qs_filter="FullyQualifiedName~SpinChain"
# Category!=Slow: the ILGPU-CPU backend theories of the Slow tier take 5-9 s each per mutant.
qg_filter="(FullyQualifiedName~GateMatri|FullyQualifiedName~TwoQubitKernel|FullyQualifiedName~BackendSuite)&Category!=Slow"
# Core targets run the Core test namespaces that exercise the folder directly (the Nn tests train networks
# through every kernel and would multiply the run time per mutant); again a lower bound.
ad_filter="FullyQualifiedName~SciTransfer.Core.Tests.Autodiff"
kn_filter="FullyQualifiedName~SciTransfer.Core.Tests.Kernels|FullyQualifiedName~SciTransfer.Core.Tests.Autodiff"
op_filter="FullyQualifiedName~SciTransfer.Core.Tests.Optim"
targets=(
  "core-autodiff|SciTransfer.Core.csproj|tests/SciTransfer.Core.Tests|**/Autodiff/**/*.cs|$ad_filter"
  "core-kernels|SciTransfer.Core.csproj|tests/SciTransfer.Core.Tests|**/Kernels/**/*.cs|$kn_filter"
  "core-optim|SciTransfer.Core.csproj|tests/SciTransfer.Core.Tests|**/Optim/**/*.cs|$op_filter"
  "heatsink-physics|SciTransfer.HeatSink.csproj|tests/SciTransfer.HeatSink.Tests|**/Physics/**/*.cs|$hs_filter"
  "fuelmoisture-physics|SciTransfer.FuelMoisture.csproj|tests/SciTransfer.FuelMoisture.Tests|**/Physics/**/*.cs|$fm_filter"
  "epidemiology-simulation|SciTransfer.Epidemiology.csproj|tests/SciTransfer.Epidemiology.Tests|**/Simulation/**/*.cs|$ep_filter"
  "epidemiology-growth|SciTransfer.Epidemiology.csproj|tests/SciTransfer.Epidemiology.Tests|**/Growth/GrowthPipeline.cs|$ep_filter"
  "quantum-spinchains|SciTransfer.Quantum.csproj|tests/SciTransfer.Quantum.Tests|**/Data/SpinChains.cs|$qs_filter"
  "quantum-gates|SciTransfer.Quantum.csproj|tests/SciTransfer.Quantum.Tests|**/Simulation/GateMatrices.cs|$qg_filter"
)

for t in "${targets[@]}"; do
  IFS='|' read -r name project tests glob filter <<<"$t"
  if (($# > 0)); then
    hit=0
    for w in "$@"; do [[ "$name" == *"$w"* ]] && hit=1; done
    ((hit)) || continue
  fi
  [[ -n "${MUTATE:-}" ]] && glob="$MUTATE"
  [[ -n "${FILTER:-}" ]] && filter="$FILTER"
  [[ -n "${SUFFIX:-}" ]] && name="$name-$SUFFIX"
  dir="$out/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  # A mutant counts as "timeout" when its tests run past the initial run's time plus additional-timeout (a
  # config-file-only setting). On a shared, loaded machine the default 5 s turns slow runs into false
  # "timeouts" (counted as detected), so the default here is 120 s: only a real endless loop times out.
  printf '{ "stryker-config": { "additional-timeout": %d } }\n' "${ADDITIONAL_TIMEOUT_MS:-120000}" >"$dir/stryker-config.json"
  # --target-framework: the TFM lives in Directory.Build.props, where Buildalyzer does not look; without it the
  # analysis "failed to identify target frameworks" and, on the loaded VM, twice ended in "Could not find build
  # environment" (stryker-net issue 3144).
  args=(--config-file "$dir/stryker-config.json" --project "$project" --mutate "$glob" --configuration Release --concurrency "${CONCURRENCY:-2}" --target-framework net10.0
        --reporter json --reporter html --reporter cleartext --output "$dir" --skip-version-check)
  [[ -n "$filter" ]] && args+=(--test-case-filter "$filter")
  start=$(date +%s)
  (cd "$tests" && dotnet tool run dotnet-stryker -- "${args[@]}") >"$dir/stryker.log" 2>&1
  secs=$(($(date +%s) - start))
  report=$(find "$dir" -name 'mutation-report.json' | head -1)
  if [[ -z "$report" ]]; then
    echo "$name: no report (see $dir/stryker.log), ${secs} s"
    continue
  fi
  python3 - "$name" "$report" "$secs" <<'EOF'
import json, sys
name, path, secs = sys.argv[1], sys.argv[2], sys.argv[3]
counts = {}
for f in json.load(open(path))["files"].values():
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
killed, timeout = counts.get("Killed", 0), counts.get("Timeout", 0)
survived, nocov = counts.get("Survived", 0), counts.get("NoCoverage", 0)
valid = killed + timeout + survived + nocov
score = 100.0 * (killed + timeout) / valid if valid else float("nan")
print(f"{name} score {score:.1f} % (killed {killed}, survived {survived}, timeout {timeout}, no coverage {nocov}; "
      f"ignored/compile errors {sum(counts.values()) - valid}), {secs} s")
EOF
done
