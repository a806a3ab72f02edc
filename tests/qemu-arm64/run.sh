#!/usr/bin/env bash
# tests/qemu-arm64/run.sh [ARM64_SIDECAR [X64_SIDECAR]]
#
# The linux-arm64 NativeAOT sidecar under qemu-user, beside the x64 NativeAOT build of the same code in the same run
# (arm64.test.mjs says what is checked). binfmt_misc is not mounted here, so qemu is put in front of the executable:
# `qemu-aarch64-static -L <root>`, the root giving the loader and libc of the bullseye sysroot the arm64 build links
# against (below: why only those). A venv whose interpreter is aarch64 is made by Debian's arm64 python3, run the same way from a second arm64
# root (.tools/bullseye-arm64-root, bullseye's python3 and python3-venv).
# Builds: ARM64_SIDECAR, or one `scripts/publish-sidecar.sh ... linux-arm64 aot` per run; X64_SIDECAR, or the one the
# glibc-floor suite published in this run when no server source is newer, or a fresh publish.
# Every tool and root is set up here and a setup step that fails is a failed test, never a skip: CI installs
# qemu-user-static, debootstrap, clang and lld (scripts/setup.sh). Needs root for debootstrap (roots are kept in .tools/).
# Ends with `N passed, N failed, N skipped`; exits non-zero when a check failed. Figures are printed, with no goal:
# emulation says nothing about real arm64 hardware.
set -uo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
SYSROOT="${VENV_DOCTOR_ARM64_SYSROOT:-$REPO/.tools/bullseye-arm64-sysroot}"
ROOT="${VENV_DOCTOR_ARM64_ROOT:-$REPO/.tools/bullseye-arm64-root}"
OUT="$REPO/artifacts/qemu-arm64"
# shellcheck source=../lib/suite-report.sh
source "$REPO/tests/lib/suite-report.sh"

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip_all "emulating arm64 is this suite's point on linux-x64 only (this is $(uname -sm))"

# Setup: each failure is a failed test.
for tool in qemu-aarch64-static readelf node; do
  command -v "$tool" >/dev/null || { fail "$tool is on PATH (scripts/setup.sh installs qemu-user-static, binutils, Node)"; finish; }
done
[ -d "$REPO/node_modules/vscode-jsonrpc" ] || { fail "vscode-jsonrpc is installed (npm ci at the repository root)"; finish; }
# shellcheck source=../../scripts/lib/bullseye-root.sh
source "$REPO/scripts/lib/bullseye-root.sh"
if ! ensure_bullseye_root "$ROOT" python3,python3-venv arm64; then fail "make the arm64 bullseye root with python3"; finish; fi

ARM64="${1:-}"
if [ -z "$ARM64" ]; then
  ARM64="$OUT/arm64/venv-sidecar"
  t0="$(date +%s.%N)"
  if ! "$REPO/scripts/publish-sidecar.sh" "$(dirname "$ARM64")" linux-arm64 aot; then fail "publish the linux-arm64 sidecar (NativeAOT)"; finish; fi
  echo "# figure: linux-arm64 NativeAOT publish (sysroot cached or made): $(elapsed "$t0") s"
fi
X64="${2:-}"
if [ -z "$X64" ]; then
  X64="$REPO/artifacts/glibc-floor/sidecar/venv-sidecar"
  newer=""
  [ -x "$X64" ] && newer="$(find "$REPO/server" "$REPO"/Directory.*.props -newer "$X64" -type f \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' | head -1)"
  if [ ! -x "$X64" ] || [ -n "$newer" ]; then
    X64="$OUT/x64/venv-sidecar"
    if ! "$REPO/scripts/publish-sidecar.sh" "$(dirname "$X64")" linux-x64 aot; then fail "publish the linux-x64 sidecar (NativeAOT)"; finish; fi
  else
    echo "# the x64 build: the one the glibc-floor suite published ($X64)"
  fi
fi
for exe in "$ARM64" "$X64"; do [ -x "$exe" ] || { fail "$exe is an executable"; finish; }; done

# qemu's -L root is looked at first for every absolute path the emulated process opens: given the whole sysroot,
# its /usr/bin and /etc would stand in for this machine's, and the arm64 build would not see the same Pythons as the
# x64 one. So it gets a root holding only the loader and libraries (lib -> the sysroot's usr/lib), as an arm64
# machine has them, and sees this machine's files everywhere else.
LIBROOT="$OUT/library-root"
[ -e "$SYSROOT/usr/lib/aarch64-linux-gnu/libc.so.6" ] ||
  { fail "the arm64 sysroot $SYSROOT holds libc (scripts/publish-sidecar.sh OUT linux-arm64 aot makes it)"; finish; }
rm -rf "$LIBROOT" && mkdir -p "$LIBROOT" && ln -s "$SYSROOT/usr/lib" "$LIBROOT/lib"
out="$(qemu-aarch64-static -L "$LIBROOT" "$ARM64" --version 2>&1)"
[ $? -eq 0 ] && [ -n "$out" ] && pass "venv-sidecar --version starts under qemu-aarch64 ($out)" ||
  { fail "venv-sidecar --version under qemu-aarch64 -L $LIBROOT" "$out"; finish; }

state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
log="$state/node.log"
VENV_DOCTOR_QEMU="$(command -v qemu-aarch64-static)" VENV_DOCTOR_ARM64_SIDECAR="$ARM64" VENV_DOCTOR_X64_SIDECAR="$X64" \
  VENV_DOCTOR_ARM64_LIBRARY_ROOT="$LIBROOT" VENV_DOCTOR_ARM64_ROOT="$ROOT" VENV_DOCTOR_STATE_DIR="$state/state" \
  node --test --test-concurrency=1 --test-reporter=tap "$REPO/tests/qemu-arm64/" >"$log" 2>&1
rc=$?
add_node_results "$log" "$rc" tests/qemu-arm64
print_figures "$log" "Figures (qemu-user emulation on this x86-64 machine: they say nothing about real arm64 hardware; no goal is set):"
finish
