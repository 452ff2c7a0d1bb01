#!/usr/bin/env bash
# Hand-made mutants of the published physics constants (issue 21's "done when"): each mutant changes one
# constant in the source, runs the physics tests of its project, and must make at least one test fail.
# The source file is restored after every mutant (git checkout), also on Ctrl-C.
# Usage: scripts/constant-mutations.sh            all mutants (about 15 s each on 2 cores)
#        scripts/constant-mutations.sh lyon ed    only mutants whose name contains one of the words
# Prints one line per mutant ("KILLED" or "SURVIVED") and exits non-zero when any survived.
set -uo pipefail
cd "$(dirname "$0")/.."

hs=src/SciTransfer.HeatSink/Physics/NusseltCorrelations.cs
em=src/SciTransfer.FuelMoisture/Physics/EquilibriumMoisture.cs
tl=src/SciTransfer.FuelMoisture/Physics/TimeLagModel.cs
hst=tests/SciTransfer.HeatSink.Tests
fmt=tests/SciTransfer.FuelMoisture.Tests
hsf="FullyQualifiedName~PublishedCorrelation|FullyQualifiedName~NusseltTests.Shah|FullyQualifiedName~NusseltTests.Liquid|FullyQualifiedName~two_hundred"
fmf="FullyQualifiedName~PublishedPhysics|FullyQualifiedName~PhysicsTests"

# name | file | exact text | replacement | test project | filter
mutants=(
  "lyon-0.025->0.25|$hs|7 + (0.025 * |7 + (0.25 * |$hst|$hsf"
  "lyon-7->6.5|$hs|=> 7 + (|=> 6.5 + (|$hst|$hsf"
  "seban-0.025->0.026|$hs|5 + (0.025 * |5 + (0.026 * |$hst|$hsf"
  "seban-5->5.5|$hs|=> 5 + (|=> 5.5 + (|$hst|$hsf"
  "seban-exponent-0.8->0.82|$hs|5 + (0.025 * Math.Pow(peclet, 0.8)|5 + (0.025 * Math.Pow(peclet, 0.82)|$hst|$hsf"
  "skupinski-4.82->4.9|$hs|=> 4.82 + (|=> 4.9 + (|$hst|$hsf"
  "skupinski-0.0185->0.0195|$hs|(0.0185 *|(0.0195 *|$hst|$hsf"
  "skupinski-0.827->0.8|$hs|0.827)|0.8)|$hst|$hsf"
  "dittus-0.023->0.024|$hs|=> 0.023 *|=> 0.024 *|$hst|$hsf"
  "dittus-re-0.8->0.75|$hs|Math.Pow(reynolds, 0.8)|Math.Pow(reynolds, 0.75)|$hst|$hsf"
  "dittus-pr-0.4->0.3|$hs|Math.Pow(prandtl, 0.4)|Math.Pow(prandtl, 0.3)|$hst|$hsf"
  "shah-8.235->8.3|$hs|return 8.235 *|return 8.3 *|$hst|$hsf"
  "shah-3.0853->3.1|$hs|(3.0853 *|(3.1 *|$hst|$hsf"
  "shah-0.1861->0.2|$hs|(0.1861 *|(0.2 *|$hst|$hsf"
  "prior-2300->3000|$hs|reynolds < 2300|reynolds < 3000|$hst|$hsf"
  "em-thermal-0.115->0.15|$em|Math.Exp(-0.115 * h)|Math.Exp(-0.15 * h)|$fmt|$fmf"
  "em-thermal-0.18->0.2|$em|double thermal = 0.18 *|double thermal = 0.2 *|$fmt|$fmf"
  "em-thermal-294.25->293.15|$em|(294.25 - temperatureKelvin)|(293.15 - temperatureKelvin)|$fmt|$fmf"
  "em-ed-exponent-0.679->0.68|$em|Math.Pow(h, 0.679)|Math.Pow(h, 0.68)|$fmt|$fmf"
  "em-ew-exponent-0.753->0.75|$em|Math.Pow(h, 0.753)|Math.Pow(h, 0.75)|$fmt|$fmf"
  "em-ew-0.618->0.62|$em|(0.618 *|(0.62 *|$fmt|$fmf"
  "em-ed-0.000499->0.000599|$em|(0.000499 *|(0.000599 *|$fmt|$fmf"
  "em-ew-0.000454->0.000554|$em|(0.000454 *|(0.000554 *|$fmt|$fmf"
  "em-canonical-0.942->0.924|$em|CanonicalDryingCoefficient = 0.942|CanonicalDryingCoefficient = 0.924|$fmt|$fmf"
  "timelag-rain-threshold-0.05->0.1|$tl|double RainThreshold = 0.05|double RainThreshold = 0.1|$fmt|$fmf"
  "timelag-rain-scale-8->6|$tl|double RainSaturationScale = 8.0|double RainSaturationScale = 6.0|$fmt|$fmf"
  "timelag-saturation-250->200|$tl|double Saturation = 250.0|double Saturation = 200.0|$fmt|$fmf"
  "timelag-tr-1.4->1.5|$tl|DefaultRainFactor = 1.4|DefaultRainFactor = 1.5|$fmt|$fmf"
)

# build_copy SOURCE_FILE TEST_PROJECT: rebuilds the source file's project alone and copies its dll to the tests.
build_copy() {
  local proj; proj=$(echo "$1" | cut -d/ -f1-2)
  local name; name=$(basename "$proj")
  dotnet build "$proj" -c Release --no-restore --no-dependencies -nologo -v q -clp:ErrorsOnly &&
    cp "$proj/bin/Release/net10.0/$name.dll" "$2/bin/Release/net10.0/$name.dll"
}

echo "building the test projects once"
dotnet build "$hst" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null || exit 1
dotnet build "$fmt" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null || exit 1

# Baseline: the unmutated source must pass the filters, or every mutant would look killed.
dotnet test "$hst" -c Release --no-build --nologo --filter "$hsf" >/dev/null 2>&1 || { echo "baseline HeatSink physics tests fail"; exit 1; }
dotnet test "$fmt" -c Release --no-build --nologo --filter "$fmf" >/dev/null 2>&1 || { echo "baseline FuelMoisture physics tests fail"; exit 1; }

current=""
restore() { [[ -n "$current" ]] && git checkout -q -- "$current"; current=""; }
trap 'restore; exit 130' INT TERM

survived=0
for m in "${mutants[@]}"; do
  IFS='|' read -r name file from to project filter <<<"$m"
  if (($# > 0)); then
    hit=0
    for w in "$@"; do [[ "$name" == *"$w"* ]] && hit=1; done
    ((hit)) || continue
  fi
  # The first occurrence is mutated: it must be code, not a comment that quotes the formula (the Skupinski mutant
  # once changed its doc comment and "survived"; 2026-12-06).
  first=$(grep -nF -- "$from" "$file" | head -1 | cut -d: -f2- | sed 's/^ *//')
  if [[ "$first" == //* ]]; then
    echo "COMMENT   $name: the first occurrence of the text is a comment in $file"
    survived=$((survived + 1))
    continue
  fi
  if ! grep -qF -- "$from" "$file"; then
    echo "MISSING   $name: text not found in $file"
    survived=$((survived + 1))
    continue
  fi
  current="$file"
  python3 - "$file" "$from" "$to" <<'EOF'
import sys
path, a, b = sys.argv[1:]
s = open(path).read()
open(path, "w").write(s.replace(a, b, 1))
EOF
  log=$(mktemp)
  # Only the mutated assembly is rebuilt and copied next to the already built tests (seconds, not a chain build).
  rc=1
  # A const or a parameter's default value is compiled into the calling assembly (the tests), so rebuilding the
  # source assembly alone would leave the tests on the old value (the 0.942 mutant "survived" that way; 2026-12-06):
  # such mutants rebuild the test project as well.
  if [[ "$first" == *"const "* || "$first" =~ ^[A-Za-z_.\<\>]+\ [A-Za-z_]+\ =\ [^=]*[,\)]$ ]]; then
    build() { dotnet build "$project" -c Release --no-restore -nologo -v q -clp:ErrorsOnly; }
  else
    build() { build_copy "$file" "$project"; }
  fi
  if build >"$log" 2>&1; then
    dotnet test "$project" -c Release --no-build --nologo --filter "$filter" >>"$log" 2>&1
    rc=$?
  else
    echo "Build FAILED" >>"$log"
  fi
  restore
  build >/dev/null 2>&1 || echo "warning: could not rebuild the restored $file"
  if grep -qE "error CS|Build FAILED" "$log"; then
    echo "NOBUILD   $name"
    survived=$((survived + 1))
  elif ((rc != 0)); then
    failed=$(grep -oE "Failed: +[0-9]+" "$log" | head -1 | grep -oE "[0-9]+")
    echo "KILLED    $name ($failed tests failed)"
  else
    echo "SURVIVED  $name"
    survived=$((survived + 1))
  fi
  rm -f "$log"
done
echo "$survived mutants survived"
[[ $survived -eq 0 ]]
