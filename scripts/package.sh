#!/usr/bin/env bash
# npm run package [-- --rid RID]
#
# Builds a VSIX with the sidecar inside:
#   1. scripts/publish-sidecar.sh: server/VenvDoctor.Sidecar as one NativeAOT executable for RID (default linux-x64;
#      or VENV_DOCTOR_RID), linked for glibc 2.31 and checked for it; any trim/AOT warning fails it;
#   2. places it at extension/server/ (the extension starts extension/server/venv-sidecar from its own folder);
#   3. `vsce package --target <VS Code target> --no-dependencies` (the extension's code is bundled into dist/).
# Output: artifacts/package/venv-doctor-<target>.vsix (path printed on the last line).
#
# Which RIDs ship: only those whose sidecar is built and tested end to end here, discovery, watching (inotify) and
# repair included: linux-x64. Any other RID is refused with the reason rather than packaged as if it worked (README,
# Packaging).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

RID="${VENV_DOCTOR_RID:-linux-x64}"
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) RID="$2"; shift 2 ;;
    --rid=*) RID="${1#*=}"; shift ;;
    *) echo "package: unknown argument $1 (use --rid RID)" >&2; exit 2 ;;
  esac
done

# .NET runtime identifier -> VS Code platform target, for the RIDs that ship.
case "$RID" in
  linux-x64) TARGET=linux-x64 ;;
  linux-arm64|linux-arm|linux-musl-x64|linux-musl-arm64)
    echo "package: $RID is not offered: its NativeAOT build needs that platform's sysroot and toolchain, and its watching" \
      "and repair are not tested on it; only linux-x64 ships (README, Packaging)" >&2; exit 2 ;;
  win-*|osx-*)
    echo "package: $RID is not offered: watching is inotify (Linux) and repair uses POSIX calls, neither built nor" \
      "tested for Windows or macOS, and NativeAOT does not cross-compile to another OS; only linux-x64 ships" >&2; exit 2 ;;
  *) echo "package: no VS Code target known for RID '$RID'" >&2; exit 2 ;;
esac
EXE=venv-sidecar

if [ ! -f extension/package.json ]; then
  echo "package: extension/package.json is missing: the extension has not been merged into this branch" >&2
  exit 3
fi

OUT="$REPO/artifacts/package"
mkdir -p "$OUT"
echo "package: publishing the sidecar ($RID, NativeAOT)" >&2
"$REPO/scripts/publish-sidecar.sh" "$OUT/publish-$RID" "$RID" aot

rm -rf extension/server
mkdir -p extension/server
cp -a "$OUT/publish-$RID/$EXE" extension/server/
echo "package: sidecar (NativeAOT, $(du -sh extension/server | cut -f1)) placed at extension/server/$EXE" >&2

# The extension's own build: install its dev dependencies, then vsce runs its `vscode:prepublish` (the bundle).
if [ ! -d extension/node_modules ]; then
  if [ -f extension/package-lock.json ]; then npm --prefix extension ci --no-audit --no-fund --loglevel=error >&2
  else npm --prefix extension install --no-audit --no-fund --loglevel=error >&2; fi
fi
if ! node -e 'process.exit(require("./extension/package.json").scripts?.["vscode:prepublish"] ? 0 : 1)'; then
  for script in bundle build compile; do
    if node -e "process.exit(require('./extension/package.json').scripts?.['$script'] ? 0 : 1)"; then
      npm --prefix extension run "$script" >&2; break
    fi
  done
fi

# shellcheck source=../tests/e2e/lib/tools.sh
source "$REPO/tests/e2e/lib/tools.sh"
ensure_vsce >&2
# vsce runs the prepublish build itself; build once here too so the bundle can be checked before packaging.
if node -e 'process.exit(require("./extension/package.json").scripts?.["vscode:prepublish"] ? 0 : 1)'; then
  npm --prefix extension run --silent vscode:prepublish >/dev/null
fi
MAIN="$(node -p 'require("./extension/package.json").main || ""')"
if [ -n "$MAIN" ]; then
  case "$MAIN" in *.js) ;; *) MAIN="$MAIN.js" ;; esac
  node scripts/package/check-bundle.mjs "extension/$MAIN"
fi
IGNORE_ARGS=()
[ -f extension/.vscodeignore ] || IGNORE_ARGS=(--ignoreFile "$REPO/scripts/package/vscodeignore")
VSIX="$OUT/venv-doctor-$TARGET.vsix"
rm -f "$VSIX"
(cd extension && "$VSCE_BIN" package --target "$TARGET" --no-dependencies --skip-license \
   --allow-missing-repository --no-rewrite-relative-links "${IGNORE_ARGS[@]}" --out "$VSIX" </dev/null) >&2

# The VSIX must carry the sidecar (executable, alone in server/) and the extension's entry point.
python3 - "$VSIX" "$EXE" <<'PY'
import json, sys, zipfile
vsix, exe = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(vsix) as z:
    names = set(z.namelist())
    manifest = json.loads(z.read("extension/package.json"))
    problems = []
    sidecar = f"extension/server/{exe}"
    if sidecar not in names:
        problems.append(f"{sidecar} is missing")
    elif not exe.endswith(".exe") and not (z.getinfo(sidecar).external_attr >> 16) & 0o111:
        problems.append(f"{sidecar} is not executable in the archive")
    others = sorted(n for n in names if n.startswith("extension/server/") and n != sidecar and not n.endswith("/"))
    if others:
        problems.append("extension/server/ holds more than the NativeAOT executable: " + ", ".join(others[:5]))
    main = manifest.get("main")
    if main:
        main = "extension/" + main.lstrip("./")
        if main not in names and main + ".js" not in names:
            problems.append(f"entry point {main} is missing")
    if problems:
        sys.exit("package: bad VSIX: " + "; ".join(problems))
    print(f"package: VSIX has {len(names)} files, sidecar and entry point present", file=sys.stderr)
PY
echo "$VSIX"
