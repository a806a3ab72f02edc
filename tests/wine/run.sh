#!/usr/bin/env bash
# tests/wine/run.sh [WIN_X64_SIDECAR]
#
# The win-x64 sidecar (self-contained, trimmed, single-file venv-sidecar.exe: NativeAOT does not cross-compile to
# Windows) under Wine, Debian's wine64 (wine.test.mjs says what is checked). Wine is not on PATH as wine64: it is
# started as /usr/lib/wine/wine64 in front of the executable. Its first start makes the prefix (a Windows folder
# tree, about 700 MB and several seconds): made once per run in a scratch folder, used by every case, removed at the
# end. Linux paths appear there as Z:\...
# Build: WIN_X64_SIDECAR, or `scripts/publish-sidecar.sh artifacts/wine/win-x64 win-x64 single-file` unless the one
# there is no older than the server's sources. scripts/test-all.sh hands that executable to the packaging suite.
# Every tool is set up here and a setup step that fails is a failed test, never a skip: CI installs wine64
# (scripts/setup.sh). Ends with `N passed, N failed, N skipped`; exits non-zero when a check failed.
set -uo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WINE="${VENV_DOCTOR_WINE:-/usr/lib/wine/wine64}"
OUT="$REPO/artifacts/wine"
# shellcheck source=../lib/suite-report.sh
source "$REPO/tests/lib/suite-report.sh"

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip_all "Debian's wine64 runs x64 Windows programs on linux-x64 only (this is $(uname -sm))"

# Setup: each failure is a failed test.
[ -x "$WINE" ] || { fail "$WINE is installed (scripts/setup.sh installs wine64)"; finish; }
command -v node >/dev/null || { fail "node is on PATH"; finish; }
[ -d "$REPO/node_modules/vscode-jsonrpc" ] || { fail "vscode-jsonrpc is installed (npm ci at the repository root)"; finish; }

EXE="${1:-}"
if [ -z "$EXE" ]; then
  EXE="$OUT/win-x64/venv-sidecar.exe"
  newer=""
  [ -f "$EXE" ] && newer="$(find "$REPO/server" "$REPO"/Directory.*.props -newer "$EXE" -type f \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.xml' \) -not -path '*/obj/*' -not -path '*/bin/*' | head -1)"
  if [ ! -f "$EXE" ] || [ -n "$newer" ]; then
    t0="$(date +%s.%N)"
    if ! "$REPO/scripts/publish-sidecar.sh" "$(dirname "$EXE")" win-x64 single-file; then fail "publish the win-x64 sidecar (single-file)"; finish; fi
    echo "# figure: win-x64 single-file publish: $(elapsed "$t0") s"
  else
    echo "# the win-x64 build published already, no older than the sources ($EXE)"
  fi
fi
[ -f "$EXE" ] || { fail "$EXE exists"; finish; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export WINEPREFIX="$scratch/prefix" WINEDEBUG=-all
# The first start makes the prefix: timed apart from the cases, which then start in about a second each.
t0="$(date +%s.%N)"
out="$("$WINE" "$EXE" --version 2>"$scratch/wine-first-start.log")"
if [ $? -eq 0 ] && [ -n "$out" ]; then
  pass "venv-sidecar.exe --version starts under Wine ($out; prefix made in $(elapsed "$t0") s)"
else
  fail "venv-sidecar.exe --version under $WINE" "$(cat "$scratch/wine-first-start.log")"; finish
fi

log="$scratch/node.log"
mkdir -p "$scratch/state"
VENV_DOCTOR_WINE="$WINE" VENV_DOCTOR_WINE_SIDECAR="$EXE" VENV_DOCTOR_STATE_DIR="$scratch/state" \
  node --test --test-concurrency=1 --test-reporter=tap "$REPO/tests/wine/" >"$log" 2>&1
rc=$?
add_node_results "$log" "$rc" tests/wine
print_figures "$log" "Figures (Wine on this machine, not Windows: no goal is set):"
finish
