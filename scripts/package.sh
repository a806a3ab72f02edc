#!/usr/bin/env bash
# npm run package [-- --target TARGET]... [--sidecar TARGET=FILE]...
#   --sidecar: package FILE, a sidecar published already by scripts/publish-sidecar.sh, for TARGET instead of
#              publishing one (npm test hands over those its glibc-floor and qemu suites published and ran, so each
#              is built once and the VSIX carries the very executable tested);
#   --list-targets: only print the targets those arguments build.
#
# Builds one VSIX per VS Code target, each carrying only its own sidecar:
#   1. the extension once: its dev dependencies, the bundle (dist/, checked to load with only `vscode` and Node's
#      built-ins), the 128x128 icon rendered from extension/images/icon.svg;
#   2. per target: scripts/publish-sidecar.sh OUT RID aot (the sidecar as one NativeAOT executable, linked for
#      glibc 2.31 and checked for it; win32-* and darwin-*: RID single-file, a self-contained trimmed executable
#      — darwin's carrying the SDK's ad-hoc signature, checked page by page; Windows' a PE console program checked for
#      its CPU), placed alone at extension/server/venv-sidecar (.exe on Windows; the extension starts it from its own
#      folder), then `vsce package --target TARGET --no-dependencies`.
# Output: artifacts/package/venv-doctor-TARGET.vsix, one path per line on stdout (the log goes to stderr), then the
# size of each VSIX and of its sidecar on stderr. tests/package checks every VSIX built (tests/package/run.sh).
#
# Targets: without --target, every target this machine builds: linux-x64 and linux-arm64 (cross-compiled against
# an arm64 Debian 11 sysroot, tested under qemu-user); win32-x64 and win32-arm64, whose sidecar is
# extension/server/venv-sidecar.exe published as `single-file` (self-contained, trimmed, one .exe: NativeAOT does not
# cross-compile to another OS), the x64 one tested under Wine (tests/wine), the arm64 one checked by its header only;
# darwin-x64 and darwin-arm64 (self-contained single-file builds: NativeAOT for macOS needs Apple's toolchain; built
# and signature-checked here, never run on macOS here). linux-armhf and alpine-* have no sysroot or test set up:
# refused with the reason rather than packaged as if they worked (README, Packaging).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

BUILT_HERE=(linux-x64 linux-arm64 win32-x64 win32-arm64 darwin-x64 darwin-arm64)
ICON_RENDERER="@resvg/resvg-js@2.6.2"   # pinned: the icon's bytes depend on the renderer's version

TARGETS=() LIST_ONLY=0
declare -A GIVEN=()   # target -> an executable published (and tested) already, packaged instead of publishing again
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGETS+=("${2:?package: --target needs a value}"); shift 2 ;;
    --target=*) TARGETS+=("${1#*=}"); shift ;;
    --sidecar) given="${2:?package: --sidecar needs TARGET=FILE}"; GIVEN["${given%%=*}"]="${given#*=}"; shift 2 ;;
    --list-targets) LIST_ONLY=1; shift ;;   # print the targets these arguments build, build nothing (tests/package)
    *) echo "package: unknown argument $1 (use --target TARGET, e.g. --target linux-arm64)" >&2; exit 2 ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${BUILT_HERE[@]}")

# VS Code target -> .NET runtime identifier of its sidecar, for the targets built here.
rid_of() {
  case "$1" in
    linux-x64|linux-arm64) echo "$1" ;;
    darwin-x64) echo osx-x64 ;;
    darwin-arm64) echo osx-arm64 ;;
    win32-x64|win32-arm64) echo "win-${1#win32-}" ;;
    linux-armhf|alpine-*)
      echo "package: $1 is not built here: no sysroot, toolchain or test is set up for it" >&2; return 2 ;;
    *) echo "package: unknown VS Code target '$1' (built here: ${BUILT_HERE[*]})" >&2; return 2 ;;
  esac
}
# How each target's sidecar is published (scripts/publish-sidecar.sh's flavour): NativeAOT where it links here.
flavour_of() {
  case "$1" in
    darwin-*|win32-*) echo single-file ;;   # NativeAOT does not cross-compile to another OS (and macOS needs Apple's linker)
    *) echo aot ;;
  esac
}
for target in "${TARGETS[@]}"; do rid_of "$target" >/dev/null || exit 2; done
if [ "$LIST_ONLY" = 1 ]; then printf '%s\n' "${TARGETS[@]}"; exit 0; fi

if [ ! -f extension/package.json ]; then
  echo "package: extension/package.json is missing: the extension has not been merged into this branch" >&2
  exit 3
fi
OUT="$REPO/artifacts/package"
mkdir -p "$OUT"
for target in "${TARGETS[@]}"; do rm -f "$OUT/venv-doctor-$target.vsix"; done

# shellcheck source=../tests/e2e/lib/tools.sh
source "$REPO/tests/e2e/lib/tools.sh"
ensure_vsce >&2

# 1. The extension, once: dependencies, bundle (vsce runs `vscode:prepublish` again per VSIX; it is quick), icon.
[ -d extension/node_modules ] || npm --prefix extension ci --no-audit --no-fund --loglevel=error >&2
npm --prefix extension run --silent vscode:prepublish >/dev/null
node scripts/package/check-bundle.mjs "extension/$(node -p 'require("./extension/package.json").main.replace(/(\.js)?$/, ".js")')"
if [ ! -f "$TOOLS_DIR/icon/node_modules/@resvg/resvg-js/package.json" ] ||
   ! grep -q "\"version\": \"${ICON_RENDERER##*@}\"" "$TOOLS_DIR/icon/node_modules/@resvg/resvg-js/package.json"; then
  _tools_log "npm: $ICON_RENDERER (renders the icon)"
  _npm_into "$TOOLS_DIR/icon" "$ICON_RENDERER" >&2
fi
node scripts/package/render-icon.mjs extension/images/icon.svg extension/images/icon.png "$TOOLS_DIR/icon"

# 2. One VSIX per target, each with only its own sidecar in extension/server/.
mib() { awk -v bytes="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MiB", bytes / 1048576 }'; }
figures=()
for target in "${TARGETS[@]}"; do
  rid="$(rid_of "$target")"
  sidecar="${GIVEN[$target]:-}"
  # What the sidecar is called in the VSIX (the extension looks for it by that name: src/sidecar/sidecarLocator.ts)
  # and how it is published for the target.
  case "$target" in
    win32-*) name=venv-sidecar.exe ;;
    *)       name=venv-sidecar ;;
  esac
  flavour="$(flavour_of "$target")"
  if [ -n "$sidecar" ]; then
    [ -x "$sidecar" ] || { echo "package: $target: the given sidecar $sidecar is not an executable" >&2; exit 1; }
    echo "package: $target: the sidecar published already: $sidecar" >&2
  else
    echo "package: $target: publishing the sidecar ($rid, $flavour)" >&2
    "$REPO/scripts/publish-sidecar.sh" "$OUT/publish-$rid" "$rid" "$flavour"
    sidecar="$OUT/publish-$rid/$name"
  fi
  rm -rf extension/server
  mkdir -p extension/server
  cp "$sidecar" "extension/server/$name"
  chmod 755 "extension/server/$name"
  vsix="$OUT/venv-doctor-$target.vsix"
  (cd extension && "$VSCE_BIN" package --target "$target" --no-dependencies --out "$vsix" </dev/null) >&2
  figures+=("$target: VSIX $(mib "$vsix"), sidecar $(mib "extension/server/$name")")
  echo "$vsix"
done
printf 'package: %s\n' "${figures[@]}" >&2
