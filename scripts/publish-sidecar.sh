#!/usr/bin/env bash
# scripts/publish-sidecar.sh OUT [RID] [r2r|jit]
#
# Publishes the sidecar as it ships in the VSIX, into OUT: self-contained (no .NET needed on the user's machine),
# trimmed, and, for r2r (the default), ReadyToRun *composite*: the framework and the app precompiled as one version
# bubble. Why composite: plain ReadyToRun cannot precompile the framework's generic code instantiated over the app's
# own types (List<T>, LINQ, async state machines, the DI container's and System.Text.Json's dictionaries), so a plain
# build still JITs ~400 methods on a `scan`; composite leaves ~100 and starts a CLI run ~50 ms sooner, for 3 MB more.
# Used by scripts/package.sh and benchmarks/scan, so what is measured is what ships. The log goes to OUT.log.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:?usage: publish-sidecar.sh OUT [RID] [r2r|jit]}"
RID="${2:-linux-x64}"
FLAVOUR="${3:-r2r}"
case "$FLAVOUR" in
  r2r) R2R_ARGS=(-p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
  jit) R2R_ARGS=(-p:PublishReadyToRun=false) ;;
  *) echo "publish-sidecar: flavour must be r2r or jit" >&2; exit 2 ;;
esac
# Precompiled images from an earlier publish with other settings (composite or not, self-contained or not) are
# reused by the incremental build and crash at start-up when mixed: always compile them afresh.
rm -rf "$REPO"/server/*/obj/Release/net10.0/"$RID"/R2R
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
dotnet publish "$REPO/server/VenvDoctor.Sidecar" -c Release -r "$RID" --self-contained true \
  -p:PublishTrimmed=true "${R2R_ARGS[@]}" -p:DebugType=none -p:GenerateDocumentationFile=false \
  -p:SatelliteResourceLanguages=en -o "$OUT" -nologo >"$OUT.log" 2>&1 || {
  cat "$OUT.log" >&2
  echo "publish-sidecar: dotnet publish failed (log: $OUT.log)" >&2
  exit 1
}
