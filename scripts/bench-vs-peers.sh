#!/usr/bin/env bash
# Times SciTransfer's bench workloads and the peer scripts (bench/peers, copies of the shared peer scripts) alternately, ROUNDS times,
# at THREADS threads, and prints every line of both (name key=value ...). Compare ratios within one run:
# absolute times on shared machines drift. lstm and pinn also run the same workload through TorchSharp
# (libtorch 2.10 in-process, `bench ... --engine torchsharp`, lines marked engine=torchsharp).
#   scripts/bench-vs-peers.sh [THREADS] [ROUNDS] [WORKLOAD...]   workloads: lstm pinn rf quantum
# Peers need Debian's python3-torch, python3-sklearn, python3-numpy (installed here when root).
set -uo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}; rounds=${2:-3}; shift 2 2>/dev/null || shift $#
workloads=("$@"); ((${#workloads[@]})) || workloads=(lstm pinn rf quantum)
peers=bench/peers
py=/usr/bin/python3

if ! $py -c "import torch, sklearn" 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch python3-sklearn python3-numpy >/dev/null
  else
    echo "peers need python3-torch and python3-sklearn (Debian packages)"; exit 1
  fi
fi
dotnet build src/SciTransfer.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null || exit 1
st="dotnet src/SciTransfer.Cli/bin/Release/net10.0/scitransfer.dll bench"
rfdir=$(mktemp -d)
$py $peers/sklearn_rf.py --dump "$rfdir" >/dev/null

for ((r = 1; r <= rounds; r++)); do
  echo "# round $r"
  for w in "${workloads[@]}"; do
    case $w in
      lstm) $st lstm-step --threads "$threads"; $st lstm-step --engine torchsharp --threads "$threads"
            $py $peers/torch_lstm.py --threads "$threads" ;;
      pinn) $st pinn-step --threads "$threads"; $st pinn-step --engine torchsharp --threads "$threads"
            $py $peers/torch_pinn.py --threads "$threads" ;;
      rf) $st rf-fit --train "$rfdir/train.csv" --test "$rfdir/test.csv" --trees 100 --threads "$threads"
          $py $peers/sklearn_rf.py --jobs "$threads" ;;
      quantum) for n in 20 24; do $st statevector --qubits $n --threads "$threads"; done
          $st qcnn-batch --qubits 8 --batch 1000 --threads "$threads"
          $py $peers/torch_statevector.py --threads "$threads" ;;
      *) echo "unknown workload $w"; exit 1 ;;
    esac
  done
done
rm -rf "$rfdir"
