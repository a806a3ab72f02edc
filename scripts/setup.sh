#!/usr/bin/env bash
# Installs what building and testing need, on a fresh machine of this kind. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
# System packages, installed only when one is missing (needs root or sudo then):
# - the shipped sidecar is NativeAOT linked against a Debian 11 sysroot (scripts/publish-sidecar.sh): clang and lld
#   link it, debootstrap makes the sysroots (x64 and arm64) and the glibc-2.31 chroot tests/glibc-floor runs it in,
#   binutils' readelf checks the CPU and glibc versions it needs; fd-find is the peer benchmarks/scan measures against;
# - tests/qemu-arm64: qemu-user-static runs the linux-arm64 sidecar and Debian's arm64 python3 on this machine;
# - the tests: virtualenv-made environments, the wheels pip/setuptools/wheel that venv and PEP 660 editable builds
#   need offline, fish, tcsh and zsh for the activation proofs (zsh, with bash and dash, also to paste the commands
#   shown to copy into real shells), unzip for the VSIX, mkfifo (coreutils) for the hostile-workspace suite, gcc for
#   the real compiled extension modules of the native-binary tests; git for the repositories the tracked-in-git tests
#   make (the sidecar itself never runs git); clang, lld's ld64.lld and llvm's llvm-otool build and read the real
#   Mach-O files of the Mach-O loader tests.
# - tests/wine: wine64 (Debian's Wine 8, started as /usr/lib/wine/wine64) runs the win-x64 sidecar.
packages=(clang lld llvm debootstrap binutils qemu-user-static wine64 fd-find gcc git
  python3-venv python3-virtualenv python3-wheel-whl python3-setuptools-whl python3-pip-whl fish tcsh zsh unzip zip coreutils)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
fi
dotnet restore Sidecar.sln
# The darwin sidecars' runtime packs, and the real Mach-O files the Mach-O loader tests read from them
# (libSystem.Native.dylib, libclrjit.dylib): restored into the NuGet cache as publishing for osx-* restores them,
# into a scratch folder so the projects' own restore state is left as it was.
for osx_rid in osx-arm64 osx-x64; do
  osx_obj="$(mktemp -d)"
  dotnet restore server/VenvDoctor.Sidecar -r "$osx_rid" -p:PublishAot=false -p:SelfContained=true -p:MSBuildProjectExtensionsPath="$osx_obj/" -v q
  rm -rf "$osx_obj"
done
# Root packages (vscode-jsonrpc for the interop tests): again whenever the lock file is newer than the install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
npm --prefix extension ci --no-audit --no-fund

# Native-binary tests (compiled modules): gcc builds real extension modules against the pyenv Pythons' headers,
# Debian's pip wheels let pip reinstall with no index, and a real aarch64 library (zlib from Debian's arm64
# archive, unpacked, never installed) plays a wheel for the wrong CPU.
native_data="${VENV_DOCTOR_TEST_DATA:-$HOME/.cache/venv-doctor-tests}/zlib1g-arm64"
if [ ! -f "$native_data/lib/aarch64-linux-gnu/libz.so.1" ]; then
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  dpkg --print-foreign-architectures | grep -qx arm64 || "${as_root[@]}" dpkg --add-architecture arm64
  "${as_root[@]}" apt-get update -qq
  native_tmp="$(mktemp -d)"
  chmod 755 "$native_tmp"   # apt's download user must be able to write there
  (cd "$native_tmp" && apt-get download zlib1g:arm64 && mkdir -p "$native_data" && dpkg-deb -x zlib1g_*_arm64.deb "$native_data")
  rm -rf "$native_tmp"
fi

# Shells the activation proofs source that Debian does not package: nushell (npm ships its binary) and PowerShell (a
# dotnet tool; 7.6.10 pinned, as the newest release does not install here), into the test cache where
# tests/VenvDoctor.Core.Tests/Support/Shells.cs finds them.
shell_cache="${VENV_DOCTOR_TEST_DATA:-$HOME/.cache/venv-doctor-tests}"
if [ ! -x "$shell_cache/nushell/node_modules/@nushell/linux-x64/bin/nu" ]; then
  npm install --no-audit --no-fund --prefix "$shell_cache/nushell" @nushell/linux-x64@0.115.1
fi
if [ ! -x "$shell_cache/powershell/pwsh" ]; then
  dotnet tool install PowerShell --version 7.6.10 --tool-path "$shell_cache/powershell"
fi
