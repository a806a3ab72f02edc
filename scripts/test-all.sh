#!/usr/bin/env bash
# Every test: C# (xunit: unit, real-venv and real-process tests), the JSON-RPC interop suite (node:test against
# vscode-jsonrpc), the extension's unit tests (mocha), the shipped NativeAOT sidecar on glibc 2.31 (a bullseye
# chroot), the linux-arm64 NativeAOT sidecar under qemu-user beside the x64 one, the win-x64 sidecar under Wine,
# the VSIXes (built once, one per target, and checked) and the end-to-end suite in a real VS Code.
# Installs what it needs first (idempotent). Runs every suite even when one fails, prints each runner's own
# summary, then one closing line with the totals; exits non-zero when any suite failed, or when any runner skipped
# a test that tests/declared-skips.txt does not list (scripts/check-skips.py reads each runner's report).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; exit 1; }

logs=$(mktemp -d)
# setup.sh installed these shells: the activation proofs must check them, not pass over them as absent.
export VENV_DOCTOR_REQUIRE_SHELLS="bash dash zsh fish tcsh nu pwsh"
passed=0 failed=0 skipped=0 status=0

# count LOG REGEX: sums the first number captured on every matching line.
count() { grep -aoE "$2" "$1" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }

suite() {
  local name=$1; shift
  echo; echo "=== $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  local p f s
  case $name in
    server)    p=$(count "$logs/$name.log" 'Passed: +[0-9]+'); f=$(count "$logs/$name.log" 'Failed: +[0-9]+'); s=$(count "$logs/$name.log" 'Skipped: +[0-9]+') ;;
    interop|package) p=$(count "$logs/$name.log" '^# pass [0-9]+'); f=$(count "$logs/$name.log" '^# fail [0-9]+'); s=$(count "$logs/$name.log" '^# skipped [0-9]+') ;;
    extension) p=$(count "$logs/$name.log" '[0-9]+ passing'); f=$(count "$logs/$name.log" '[0-9]+ failing'); s=$(count "$logs/$name.log" '[0-9]+ pending') ;;
    *)         p=$(count "$logs/$name.log" '^[0-9]+ passed'); f=$(count "$logs/$name.log" '[0-9]+ failed'); s=$(count "$logs/$name.log" '[0-9]+ skipped') ;;
  esac
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # a suite that crashed counts as a failure
  echo "--- $name: $p passed, $f failed, $s skipped (exit $rc)"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [ "$rc" -eq 0 ] || status=1
}

# One test assembly at a time (-m:1): they start real processes and watch real folders, and CI has two cores.
# Each runner also leaves a report of what it skipped: trx (server), junit (interop), the spec reporter's pending
# lines (extension) and the e2e summary's "skipped:" lines.
suite server    dotnet test Sidecar.sln -c Release -m:1 --logger trx --results-directory "$logs/trx"
VENV_DOCTOR_JUNIT_REPORT="$logs/interop.junit.xml" suite interop npm run --silent test:interop
suite extension npm run --silent test:extension
suite glibc-floor bash tests/glibc-floor/run.sh
# After glibc-floor: it reuses the x64 sidecar that suite published (when no source is newer), and builds arm64 once.
suite qemu-arm64 bash tests/qemu-arm64/run.sh
# The win-x64 single-file sidecar under Wine (publishes it into artifacts/wine unless one there is no older).
suite wine bash tests/wine/run.sh
# The VSIXes carry the sidecars the suites above published and ran (glibc-floor: linux-x64; qemu-arm64: linux-arm64;
# wine: win32-x64), when they did (one no older than the server's sources); a target without one is published by
# the packaging suite.
published=()
for given in linux-x64=artifacts/glibc-floor/sidecar/venv-sidecar linux-arm64=artifacts/qemu-arm64/arm64/venv-sidecar \
    win32-x64=artifacts/wine/win-x64/venv-sidecar.exe; do
  file="${given#*=}"
  # Sources only: the publishes themselves write into server/*/obj after the first executable was made.
  [ -x "$file" ] && [ -z "$(find server Directory.*.props -newer "$file" -type f \( -name '*.cs' -o -name '*.csproj' \
      -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ] &&
    published+=(--sidecar "${given%%=*}=$PWD/$file")
done
suite package   bash tests/package/run.sh "${published[@]}"
# The end-to-end suite installs the linux-x64 VSIX the packaging suite built (run.sh fails, not repackages, when it
# is missing), so nothing is built twice.
export VENV_DOCTOR_E2E_VSIX="$PWD/artifacts/package/venv-doctor-linux-x64.vsix"
suite e2e       npm run --silent test:e2e

echo
python3 scripts/check-skips.py "$logs" || status=1

echo
echo "All suites: $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
