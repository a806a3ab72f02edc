#!/usr/bin/env bash
# Every test: C# (xunit), the JSON-RPC interop suite (node:test against vscode-jsonrpc), the extension's unit
# tests and the end-to-end suite in a real VS Code. Installs what it needs first (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run test:server
npm run test:interop
npm run test:extension
