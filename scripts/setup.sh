#!/usr/bin/env bash
# Installs what building and testing need, on a fresh machine of this kind. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore Sidecar.sln
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
npm --prefix extension ci --no-audit --no-fund
