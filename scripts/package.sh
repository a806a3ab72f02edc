#!/usr/bin/env bash
# npm run package [-- --rid RID] [--r2r auto|on|off]
#
# Builds a VSIX with the sidecar inside:
#   1. scripts/publish-sidecar.sh: server/VenvDoctor.Sidecar self-contained for RID (default linux-x64; or
#      VENV_DOCTOR_RID), trimmed, with ReadyToRun (composite) and without;
#   2. when RID runs on this machine, measures spawn-to-initialize of both (benchmarks/sidecar-startup) and keeps
#      the faster (--r2r on|off, or VENV_DOCTOR_R2R, forces one; another platform's RID gets ReadyToRun);
#   3. places it at extension/server/ (the extension starts extension/server/venv-sidecar from its own folder);
#   4. `vsce package --target <VS Code target> --no-dependencies` (the extension's code is bundled into dist/).
# Output: artifacts/package/venv-doctor-<target>.vsix (path printed on the last line).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"

RID="${VENV_DOCTOR_RID:-linux-x64}"
R2R="${VENV_DOCTOR_R2R:-auto}"
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) RID="$2"; shift 2 ;;
    --rid=*) RID="${1#*=}"; shift ;;
    --r2r) R2R="$2"; shift 2 ;;
    --r2r=*) R2R="${1#*=}"; shift ;;
    *) echo "package: unknown argument $1 (use --rid RID, --r2r auto|on|off)" >&2; exit 2 ;;
  esac
done

# .NET runtime identifier -> VS Code platform target.
case "$RID" in
  linux-x64) TARGET=linux-x64 ;;           linux-arm64) TARGET=linux-arm64 ;;
  linux-arm) TARGET=linux-armhf ;;         linux-musl-x64) TARGET=alpine-x64 ;;
  linux-musl-arm64) TARGET=alpine-arm64 ;; win-x64) TARGET=win32-x64 ;;
  win-arm64) TARGET=win32-arm64 ;;         osx-x64) TARGET=darwin-x64 ;;
  osx-arm64) TARGET=darwin-arm64 ;;
  *) echo "package: no VS Code target known for RID '$RID'" >&2; exit 2 ;;
esac
case "$RID" in win-*) EXE=venv-sidecar.exe ;; *) EXE=venv-sidecar ;; esac

if [ ! -f extension/package.json ]; then
  echo "package: extension/package.json is missing: the extension has not been merged into this branch" >&2
  exit 3
fi

OUT="$REPO/artifacts/package"
mkdir -p "$OUT"

publish() { # $1 = r2r|jit
  local flavour="$1" dir="$OUT/publish-$RID-$1" log="$OUT/publish-$RID-$1.log"
  echo "package: publishing the sidecar ($RID, self-contained, trimmed, $flavour)" >&2
  "$REPO/scripts/publish-sidecar.sh" "$dir" "$RID" "$flavour"
  # Trim warnings say where reflection could lose code at run time; show them (each once).
  local warnings
  warnings="$(grep -oE 'warning IL[0-9]+:[^[]*' "$log" | sort -u || true)"
  if [ -n "$warnings" ]; then
    echo "package: trim/AOT analysis warnings ($flavour):" >&2
    echo "$warnings" | sed 's/^/  /' >&2
  else
    echo "package: no trim warnings ($flavour)" >&2
  fi
}

HOST_RID=linux-x64
case "$(uname -m)" in aarch64) HOST_RID=linux-arm64 ;; esac

CHOSEN=""
case "$R2R" in
  on) publish r2r; CHOSEN=r2r ;;
  off) publish jit; CHOSEN=jit ;;
  auto)
    publish r2r
    if [ "$RID" != "$HOST_RID" ]; then
      echo "package: $RID does not run here, so start-up is not measured; using ReadyToRun" >&2
      CHOSEN=r2r
    else
      publish jit
      echo "package: measuring spawn-to-initialize (benchmarks/sidecar-startup)" >&2
      if summary="$(node benchmarks/sidecar-startup/measure.mjs --runs "${VENV_DOCTOR_STARTUP_RUNS:-7}" \
            r2r="$OUT/publish-$RID-r2r/$EXE" jit="$OUT/publish-$RID-jit/$EXE" 2>"$OUT/startup.err")"; then
        echo "$summary" | sed '$d' | sed 's/^/  /' >&2
        CHOSEN="$(echo "$summary" | tail -1 | node -e '
          const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
          process.stdout.write(s.r2r.medianMs <= s.jit.medianMs ? "r2r" : "jit");')"
        echo "package: keeping the faster start-up: $CHOSEN" >&2
      else
        echo "package: start-up could not be measured ($(tail -c 400 "$OUT/startup.err" | tr '\n' ' ')); using ReadyToRun" >&2
        CHOSEN=r2r
      fi
    fi ;;
  *) echo "package: --r2r must be auto, on or off" >&2; exit 2 ;;
esac

rm -rf extension/server
mkdir -p extension/server
cp -a "$OUT/publish-$RID-$CHOSEN/." extension/server/
rm -f extension/server/*.pdb extension/server/*.dbg
echo "package: sidecar ($CHOSEN, $(du -sh extension/server | cut -f1)) placed at extension/server/$EXE" >&2

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

# The VSIX must carry the sidecar, executable, and the extension's entry point.
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
