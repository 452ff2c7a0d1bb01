#!/usr/bin/env bash
# Kept for old notes: a thin wrapper of `scitransfer slurm submit` (see docs/harness.md, "Running on a cluster").
#   scripts/slurm-array.sh CONFIG N [OUT] [more `slurm submit` flags: --account A --time T ...]
set -euo pipefail
cd "$(dirname "$0")/.."
config=$1; shards=$2; shift 2
out=runs/$(basename "$config" .json)-cluster
if [[ $# -gt 0 && $1 != -* ]]; then
  out=$1; shift
fi
exec ./scitransfer slurm submit "$config" --out "$out" --shards "$shards" "$@"
