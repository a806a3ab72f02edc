#!/usr/bin/env bash
# npm run bench:startup [-- --runs N]: spawn-to-initialize of the sidecar as it ships (NativeAOT), of the same code as
# a JIT build (self-contained, trimmed), and of the Node peer (a minimal vscode-jsonrpc server), interleaved in one
# run. Publishes both builds with scripts/publish-sidecar.sh first (BENCH_SKIP_BUILD=1 reuses them).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$REPO/artifacts/bench"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  "$REPO/scripts/publish-sidecar.sh" "$OUT/aot" linux-x64 aot
  "$REPO/scripts/publish-sidecar.sh" "$OUT/jit" linux-x64 jit
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
node "$REPO/benchmarks/sidecar-startup/measure.mjs" --runs 15 "$@" \
  aot="$OUT/aot/venv-sidecar" jit="$OUT/jit/venv-sidecar" peer="$REPO/benchmarks/rpc/peer-server.mjs"
