#!/usr/bin/env bash
# Makes datasets/models/nusselt-water.safetensors (+ its card nusselt-water.json): the Nusselt problem's water
# network, pre-trained by SciTransfer on 87 generated water designs (seed 7, 3000 Adam steps, hidden [16, 16]) and
# written with `scitransfer export`. It stands in for a model trained elsewhere: experiments/nusselt-source-model.json
# starts from it with the option source_model. Run from the repository root: datasets/models/make-nusselt-water.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pretrain.json" <<'JSON'
{
  "study": "nusselt-water-pretrain",
  "description": "pre-trains the Nusselt water network only (source-only at n = 0) so that export can write it",
  "seed": 7,
  "repeats": 1,
  "problems": [
    { "problem": "heat-sink/nusselt-water-to-sodium", "strategies": ["source-only"], "sizes": [0],
      "options": { "source_steps": 3000, "hidden_layers": [16, 16] } }
  ]
}
JSON
st="dotnet run --project src/SciTransfer.Cli -c Release --"
$st run "$work/pretrain.json" --out "$work/run" --threads 1
rm -f datasets/models/nusselt-water.safetensors datasets/models/nusselt-water.json
$st export "$work/run" --problem heat-sink/nusselt-water-to-sodium --repeat 0 --format safetensors --out datasets/models/nusselt-water.safetensors
