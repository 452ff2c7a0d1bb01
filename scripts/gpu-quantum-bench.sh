#!/usr/bin/env bash
# GPU measurement of the quantum simulator (issue 15), for the GPU machine, which has no .NET SDK.
#   here:   ../shared/device/pack.sh          (publishes the CLI and the .NET runtime into .device/)
#   device: run, carry [".device"], command: bash scripts/gpu-quantum-bench.sh   (timeout_s 300)
# Runs, each line echoed, all output also in $OUT/gpu-quantum-bench.txt (or ./gpu-quantum-bench.txt):
#   1. bench backend-check --backend gpu      the GPU kernels vs the managed backend (1e-12), first, so a
#                                             wrong result is seen before any figure
#   2. bench statevector --backend gpu        RY and CNOT on one state, n = 26, 28, 30, with the measured
#                                             device-to-device copy rate as the bound
#   3. bench qcnn-batch --backend gpu         8-qubit ladder at 100k samples, 12-qubit at 1000 and 100k,
#                                             the 8-qubit QCNN forward and adjoint gradient at 100k
#   4. bench statevector --backend managed    16 CPU threads, n = 26, with the per-wire sweep (RY and CZ(1, w))
# Every step has its own time limit; the whole script stays under about 4 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-.}
log=$out/gpu-quantum-bench.txt
: >"$log"
run() {  # run LIMIT_S ARGS...: one CLI call with a time limit, output to the terminal and the log
  local limit=$1; shift
  echo "\$ scitransfer $*" | tee -a "$log"
  local t0=$SECONDS
  timeout "$limit" bash .device/run.sh "$@" 2>&1 | tee -a "$log"
  local rc=${PIPESTATUS[0]}
  echo "# rc=$rc wall_s=$((SECONDS - t0))" | tee -a "$log"
}
[ -f .device/run.sh ] || { echo "no .device/: run ../shared/device/pack.sh first and carry .device" | tee -a "$log"; exit 1; }
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,clocks.max.mem --format=csv 2>&1 | tee -a "$log"

run 60 bench backend-check --backend gpu
for n in 26 28 30; do
  run 45 bench statevector --backend gpu --qubits "$n"
done
run 40 bench qcnn-batch --backend gpu --qubits 8 --batch 100000
run 40 bench qcnn-batch --backend gpu --qubits 12 --batch 1000
run 50 bench qcnn-batch --backend gpu --qubits 12 --batch 100000
run 40 bench qcnn-batch --backend gpu --circuit qcnn --batch 100000
run 60 bench statevector --backend managed --threads 16 --qubits 26 --sweep 1
echo "# total_s=$SECONDS" | tee -a "$log"
