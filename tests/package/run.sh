#!/usr/bin/env bash
# Packaging suite (a suite of `npm test`, run before the end-to-end suite):
#   1. builds every VSIX once: scripts/package.sh [--target TARGET]... (default: every target built here);
#   2. checks each with node:test (tests/package/vsix.test.mjs): manifest target platform, the sidecar's file format,
#      CPU and exec bit, the contents against the allow-list, `vsce ls`, the icon, the README's links; prints each
#      VSIX's size and its sidecar's.
# The linux-x64 VSIX stays at artifacts/package/venv-doctor-linux-x64.vsix, where scripts/test-all.sh hands it to
# the end-to-end suite (VENV_DOCTOR_E2E_VSIX), so nothing is built twice. A target that fails to build is a failed
# test here (the VSIXes that did build are still checked).
set -uo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$REPO"

targets="$(bash scripts/package.sh --list-targets "$@")" || exit 2

mkdir -p artifacts/package
bash scripts/package.sh "$@" 2> >(tee artifacts/package/package.log >&2)
packaged=$?
echo "package: scripts/package.sh exited $packaged (log: artifacts/package/package.log)"

# shellcheck source=../e2e/lib/tools.sh
source "$REPO/tests/e2e/lib/tools.sh"
set +e   # tools.sh sets -e; every check below runs and reports
export VENV_DOCTOR_PACKAGE_TARGETS="$(echo $targets)"
export VENV_DOCTOR_PACKAGE_VSCE="$VSCE_BIN"
export VENV_DOCTOR_PACKAGE_ICON_RENDERER="$TOOLS_DIR/icon"
node --test --test-reporter=tap tests/package/
checked=$?
[ "$packaged" -eq 0 ] && [ "$checked" -eq 0 ]
