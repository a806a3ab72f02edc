#!/usr/bin/env bash
# tests/glibc-floor/run.sh [SIDECAR]
#
# The shipped sidecar on the oldest glibc we support: runs the published NativeAOT executable (SIDECAR, or a fresh
# `scripts/publish-sidecar.sh` build) inside a Debian 11 (bullseye, glibc 2.31) chroot, and there does a real `scan`
# and a real `repair` of a venv that bullseye's own python3 made and that was then moved. The repair is proven by
# the moved venv's `bin/pip --version` failing before it and working from the new place after it.
# Why a chroot and not only a symbol check: a P/Invoke of a symbol that glibc 2.31 lacks (lstat, before 2.33) links
# and starts fine and fails only when called, so only running the repair there shows it works.
# Needs root (debootstrap, chroot); the chroot is made once and kept in .tools/bullseye-chroot.
# Ends with `N passed, N failed, N skipped`; exits non-zero when a check failed.
set -uo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
ROOT="${VENV_DOCTOR_BULLSEYE_CHROOT:-$REPO/.tools/bullseye-chroot}"
passed=0 failed=0 skipped=0

pass() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "not ok - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/    /'; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed, $skipped skipped"; [ "$failed" -eq 0 ]; exit $?; }
skip_all() { echo "skip - $1"; skipped=$((skipped + 1)); finish; }

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip_all "the glibc floor is checked for linux-x64 only (this is $(uname -sm))"
[ "$(id -u)" = 0 ] || skip_all "a chroot needs root (running as uid $(id -u))"

# Setup: a failure here is a failed test, not a skip.
# shellcheck source=../../scripts/lib/bullseye-root.sh
source "$REPO/scripts/lib/bullseye-root.sh"
if ! ensure_bullseye_root "$ROOT" python3,python3-venv; then fail "make the bullseye chroot"; finish; fi
SIDECAR="${1:-}"
if [ -z "$SIDECAR" ]; then
  SIDECAR="$REPO/artifacts/glibc-floor/sidecar/venv-sidecar"
  if ! "$REPO/scripts/publish-sidecar.sh" "$(dirname "$SIDECAR")" linux-x64 aot; then fail "publish the sidecar (NativeAOT)"; finish; fi
fi
[ -x "$SIDECAR" ] || { fail "the sidecar $SIDECAR is not an executable"; finish; }

# Everything below runs inside the chroot, in a fresh folder of its /tmp.
WORK="$(mktemp -d "$ROOT/tmp/glibc-floor.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
W="${WORK#"$ROOT"}"
cp "$SIDECAR" "$WORK/venv-sidecar"
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

libc="$(in_root ldd --version 2>&1 | head -1)"
case "$libc" in *" 2.31"*) pass "the chroot runs glibc 2.31 ($libc)" ;; *) fail "the chroot's glibc is not 2.31" "$libc"; finish ;; esac

out="$(in_root "$W/venv-sidecar" --version 2>&1)"
[ $? -eq 0 ] && [ -n "$out" ] && pass "venv-sidecar --version starts on glibc 2.31 ($out)" ||
  fail "venv-sidecar --version on glibc 2.31" "$out"

# A venv made by bullseye's python3 (with pip), then moved: its scripts still name the old place.
if ! out="$(in_root python3 -m venv "$W/old/.venv" 2>&1)"; then fail "python3 -m venv in the chroot" "$out"; finish; fi
mkdir -p "$WORK/new" && mv "$WORK/old/.venv" "$WORK/new/.venv"
out="$(in_root "$W/new/.venv/bin/pip" --version 2>&1)"
[ $? -ne 0 ] && pass "bin/pip of the moved venv fails before the repair" ||
  fail "bin/pip of the moved venv should fail before the repair (the test would prove nothing)" "$out"

json="$(in_root "$W/venv-sidecar" scan --json "$W" 2>"$WORK/scan.err")"; rc=$?
verdict="$(printf '%s' "$json" | python3 -c '
import json, sys
env = [e for e in json.load(sys.stdin)["environments"] if e["path"].endswith("/new/.venv")]
print(" ".join(f["code"] for f in env[0]["findings"]) if env else "not-found")' 2>&1)"
[ "$rc" -eq 1 ] && [[ " $verdict " == *" moved "* ]] && pass "scan finds the venv and says it moved (exit 1)" ||
  fail "scan on glibc 2.31 (exit $rc, findings: $verdict)" "$(cat "$WORK/scan.err")"

out="$(in_root "$W/venv-sidecar" repair "$W/new/.venv" --action relocate 2>&1)"; rc=$?
[ "$rc" -eq 0 ] && pass "repair --action relocate succeeds on glibc 2.31" || fail "repair on glibc 2.31 (exit $rc)" "$out"

out="$(in_root "$W/new/.venv/bin/pip" --version 2>&1)"; rc=$?
[ "$rc" -eq 0 ] && [[ "$out" == *"$W/new/.venv/"* ]] && pass "bin/pip --version works from the new place ($out)" ||
  fail "bin/pip --version after the repair (exit $rc)" "$out"

json="$(in_root "$W/venv-sidecar" scan --json "$W" 2>&1)"; rc=$?
[ "$rc" -eq 0 ] && pass "a second scan finds the venv healthy (exit 0)" || fail "scan after the repair (exit $rc)" "$json"
finish
