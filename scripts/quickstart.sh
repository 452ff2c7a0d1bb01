#!/usr/bin/env bash
# The main job: set-up, build, and run the built-in default study (experiments/quickstart.json),
# writing results.csv, summary.csv, PNG + SVG plots, report.md and report.html to runs/quickstart (rerun to resume).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build src/SciTransfer.Cli -c Release --no-restore -nologo -clp:ErrorsOnly
exec dotnet src/SciTransfer.Cli/bin/Release/net10.0/scitransfer.dll run experiments/quickstart.json --out runs/quickstart --threads "$(nproc)" "$@"
