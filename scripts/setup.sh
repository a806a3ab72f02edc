#!/usr/bin/env bash
# Installs what building and testing need, on a fresh machine of this kind. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore Sidecar.sln
# Root packages (vscode-jsonrpc for the interop tests): again whenever the lock file is newer than the install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
npm --prefix extension ci --no-audit --no-fund
