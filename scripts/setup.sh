#!/usr/bin/env bash
# Installs what building and testing need, on a fresh machine of this kind. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
# The shipped sidecar is NativeAOT linked against a Debian 11 sysroot (scripts/publish-sidecar.sh): clang and lld
# link it, debootstrap makes the sysroot and the glibc-2.31 chroot tests/glibc-floor runs it in, binutils' objdump
# checks the glibc versions it needs. fd-find is the peer benchmarks/scan measures against.
missing=()
for tool in clang:clang ld.lld:lld debootstrap:debootstrap objdump:binutils fdfind:fd-find; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}: install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
dotnet restore Sidecar.sln
# Root packages (vscode-jsonrpc for the interop tests): again whenever the lock file is newer than the install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
npm --prefix extension ci --no-audit --no-fund
