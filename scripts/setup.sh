#!/usr/bin/env bash
# Installs what building and testing need, on a fresh machine of this kind. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
# System packages the tests use: virtualenv-made environments, the wheels pip/setuptools/wheel that venv and
# PEP 660 editable builds need offline, fish and tcsh for the activation proofs, unzip for the VSIX, mkfifo
# (coreutils) for the hostile-workspace suite. Installed only when one is missing; needs root or sudo then.
packages=(python3-venv python3-virtualenv python3-wheel-whl python3-setuptools-whl python3-pip-whl fish tcsh unzip zip coreutils)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
dotnet restore Sidecar.sln
# Root packages (vscode-jsonrpc for the interop tests): again whenever the lock file is newer than the install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
npm --prefix extension ci --no-audit --no-fund
