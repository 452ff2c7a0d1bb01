#!/usr/bin/env bash
# Installs what SciTransfer needs on a fresh Debian machine, then restores NuGet packages.
#   scripts/setup.sh           run-time needs: Fashion-MNIST, DejaVu fonts (figure text); the quantum GPU backend's
#                              kernels are tested on ILGPU's CPU accelerator, so no OpenCL driver is needed
#   scripts/setup.sh --tests   also what the tests use: Chromium (report render check), python3-torch (PyTorch model
#                              exchange round trips), the QDK oracle (npm), slurm-wlm and munge (cluster test)
# apt installs happen only when running as root and only for packages that are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(dataset-fashion-mnist fonts-dejavu-core)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(chromium python3-torch)
  # a one-node Slurm cluster for the cluster test (scripts/slurm-local-cluster.sh starts it)
  packages+=(slurm-wlm munge)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: not root, skipping apt packages: ${missing[*]} (tests that need them will be skipped)"
  fi
fi

if [[ "${1:-}" == "--tests" && -f tools/qdk-oracle/package-lock.json ]] && command -v npm >/dev/null; then
  if [[ ! -d tools/qdk-oracle/node_modules ]]; then
    echo "setup: npm ci in tools/qdk-oracle (Microsoft QDK simulator, qsharp-lang)"
    npm ci --prefix tools/qdk-oracle --no-audit --no-fund --loglevel=error >/dev/null || echo "setup: npm ci failed; QDK cross-check tests will be skipped"
  fi
fi

dotnet restore SciTransfer.sln --verbosity quiet
