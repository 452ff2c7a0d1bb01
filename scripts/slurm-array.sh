#!/usr/bin/env bash
# Runs a study as a Slurm job array: one shard per array task, then a merge job.
#   scripts/slurm-array.sh experiments/epidemiology.json 8 [runs/epidemiology]
set -euo pipefail
cd "$(dirname "$0")/.."
config=$1; shards=$2; out=${3:-runs/$(basename "$config" .json)}
dotnet build src/SciTransfer.Cli -c Release -nologo -clp:ErrorsOnly
cli="dotnet $(pwd)/src/SciTransfer.Cli/bin/Release/net10.0/scitransfer.dll"
logs="$out-logs"; mkdir -p "$logs"
array=$(sbatch --parsable --array=1-"$shards" --cpus-per-task=2 --job-name=scitransfer --output="$logs/shard-%a.out" \
  --wrap="$cli run $config --threads 2 --shard \${SLURM_ARRAY_TASK_ID}/$shards --out $out-shard\${SLURM_ARRAY_TASK_ID}")
dirs=$(for k in $(seq 1 "$shards"); do printf '%s ' "$out-shard$k"; done)
sbatch --dependency=afterok:"$array" --job-name=scitransfer-merge --output="$logs/merge.out" --wrap="$cli merge $dirs --out $out"
echo "submitted array $array ($shards shards) and a merge into $out"
