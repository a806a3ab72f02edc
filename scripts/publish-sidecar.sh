#!/usr/bin/env bash
# scripts/publish-sidecar.sh OUT [RID] [aot|jit|single-file]
#
# Publishes the sidecar as it ships in the VSIX, into OUT.
#   aot (the default, what ships): NativeAOT. One executable, no .dll, no .NET runtime beside it: the runtime and our
#       code are compiled ahead of time into it, so a start costs a few milliseconds instead of the runtime's start-up
#       and JIT (benchmarks/sidecar-startup compares the two). Any trim or AOT analysis warning fails the publish
#       (VenvDoctor.Sidecar.csproj), since each one is a place where the executable could fail at run time.
#       On linux-x64 and linux-arm64 it links with clang and lld against a Debian 11 (bullseye) sysroot of that
#       architecture that this script makes once (cached in .tools/bullseye-sysroot, .tools/bullseye-arm64-sysroot):
#       an executable linked against this machine's glibc would need GLIBC_2.34 and not start on Debian 11 /
#       Ubuntu 20.04 (glibc 2.31), which VS Code supports; and linux-arm64 is cross-compiled from here. The result is
#       checked: an ELF for the RID's CPU that asks for no glibc symbol version above 2.31, or the publish fails.
#   jit: self-contained and trimmed, JIT-compiled at run time: the comparison benchmarks/sidecar-startup measures.
#   single-file: self-contained, trimmed, one executable (the runtime and every native library bundled inside it),
#       JIT-compiled at run time: what ships for another OS, where NativeAOT cannot be built from here (it refuses:
#       "Cross-OS native compilation is not supported"). Trim and single-file warnings fail it as they fail aot.
#       win-x64 and win-arm64 publish venv-sidecar.exe, checked to be a PE console executable for the RID's CPU.
#       osx-x64 and osx-arm64: NativeAOT for macOS needs Apple's toolchain (its
#       linker and SDK) and the osx ILCompiler package, which is not served to this machine (NU1101), so the darwin
#       sidecars are built this way. The SDK signs the executable ad hoc (LC_CODE_SIGNATURE), which Apple-silicon
#       macOS requires; the result is checked: a Mach-O executable for the RID's CPU whose ad-hoc signature's every
#       page hash matches the file (scripts/package/macho-signature.mjs), or the publish fails. Built and checked
#       here; not run on macOS here.
# Used by scripts/package.sh and the benchmarks, so what is measured is what ships. The log goes to OUT.log.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:?usage: publish-sidecar.sh OUT [RID] [aot|jit|single-file]}"
RID="${2:-linux-x64}"
FLAVOUR="${3:-aot}"
GLIBC_FLOOR=2.31
# Per Linux RID: the Debian architecture of its sysroot, where that is kept, and the ELF machine readelf must report.
# Per Windows RID: the PE machine (COFF header) its executable must declare.
DEB_ARCH="" SYSROOT="" ELF_MACHINE="" PE_MACHINE=""
case "$RID" in
  linux-x64)   DEB_ARCH=amd64 SYSROOT="${VENV_DOCTOR_SYSROOT:-$REPO/.tools/bullseye-sysroot}" ELF_MACHINE="X86-64" ;;
  linux-arm64) DEB_ARCH=arm64 SYSROOT="${VENV_DOCTOR_ARM64_SYSROOT:-$REPO/.tools/bullseye-arm64-sysroot}" ELF_MACHINE="AArch64" ;;
  win-x64)     PE_MACHINE=x64 ;;
  win-arm64)   PE_MACHINE=arm64 ;;
esac
# Per macOS RID: the Mach-O CPU its executable must be (LC_CODE_SIGNATURE and the CPU are checked after publishing).
case "$RID" in
  osx-x64)   MACHO_CPU=x86_64 ;;
  osx-arm64) MACHO_CPU=arm64 ;;
  *)         MACHO_CPU="" ;;
esac
if [ -n "$MACHO_CPU" ] && [ "$FLAVOUR" = aot ]; then
  echo "publish-sidecar: $RID has no NativeAOT build here: it needs Apple's linker and SDK, and the osx ILCompiler" \
    "package is not served to this machine; use: publish-sidecar.sh OUT $RID single-file" >&2
  exit 2
fi

ARGS=(-c Release -r "$RID" -p:DebugType=none -p:GenerateDocumentationFile=false -p:SatelliteResourceLanguages=en)
case "$FLAVOUR" in
  aot)
    ARGS+=(-p:PublishAot=true -p:StripSymbols=true)
    if [ -n "$DEB_ARCH" ]; then
      # shellcheck source=lib/bullseye-root.sh
      source "$REPO/scripts/lib/bullseye-root.sh"
      ensure_bullseye_root "$SYSROOT" libc6-dev,libgcc-10-dev,zlib1g-dev,libstdc++-10-dev "$DEB_ARCH"
      # clang, not gcc: gcc ignores --sysroot for its own start files and libgcc. lld: the sysroot's binutils-free.
      command -v clang >/dev/null && command -v ld.lld >/dev/null ||
        { echo "publish-sidecar: clang and lld are needed for NativeAOT (scripts/setup.sh installs them)" >&2; exit 1; }
      ARGS+=(-p:SysRoot="$SYSROOT" -p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld)
    fi ;;
  jit) ARGS+=(--self-contained true -p:PublishTrimmed=true -p:PublishAot=false -p:PublishReadyToRun=false) ;;
  single-file)
    ARGS+=(--self-contained true -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true
      -p:PublishTrimmed=true -p:PublishAot=false -p:PublishReadyToRun=false -p:DebuggerSupport=false) ;;
  *) echo "publish-sidecar: flavour must be aot, jit or single-file" >&2; exit 2 ;;
esac

rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
# The trimmer skips a run whose inputs it saw already, and its warnings with it: start it afresh so they are checked.
[ "$FLAVOUR" != single-file ] || rm -rf "$REPO/server/VenvDoctor.Sidecar/obj/Release/net10.0/$RID/linked"
dotnet publish "$REPO/server/VenvDoctor.Sidecar" "${ARGS[@]}" -o "$OUT" -nologo >"$OUT.log" 2>&1 || {
  grep -E ' (error|warning) ' "$OUT.log" | sort -u >&2 || cat "$OUT.log" >&2
  echo "publish-sidecar: dotnet publish failed (log: $OUT.log)" >&2
  exit 1
}

# The AOT compiler fails on its own warnings (--warnaserror); the analyzers that run while compiling C# only warn.
# Either kind is a place the executable could fail at run time, so neither ships.
if [ "$FLAVOUR" != jit ] && grep -qE 'warning IL[0-9]+' "$OUT.log"; then
  grep -E 'warning IL[0-9]+' "$OUT.log" | sed -E 's/^ *//; s/ \[[^]]*\]$//' | sort -u >&2
  echo "publish-sidecar: trim/AOT/single-file analysis warnings (above) fail the $FLAVOUR publish" >&2
  exit 1
fi

case "$RID" in win-*) EXE="$OUT/venv-sidecar.exe" ;; *) EXE="$OUT/venv-sidecar" ;; esac
[ -f "$EXE" ] || { echo "publish-sidecar: $EXE was not produced" >&2; exit 1; }
# Symbols of a referenced project built earlier with them land beside the single file; they are never shipped.
[ "$FLAVOUR" != single-file ] || rm -f "$OUT"/*.pdb

if [ -n "$MACHO_CPU" ]; then
  extra="$(cd "$OUT" && ls -A | grep -vxF venv-sidecar || true)"
  [ -z "$extra" ] || { echo "publish-sidecar: the single-file output holds more than the executable: $(echo "$extra" | tr '\n' ' ')" >&2; exit 1; }
  node "$REPO/scripts/package/macho-signature.mjs" "$EXE" "$MACHO_CPU" >&2 || exit 1
  echo "publish-sidecar: $(basename "$EXE") ($RID, self-contained single-file, $(du -h "$EXE" | cut -f1)); not run on macOS here" >&2
  exit 0
fi
[ "$FLAVOUR" != jit ] || exit 0

# NativeAOT's and single-file's promise, checked: the one executable and nothing a runtime would need beside it.
extra="$(cd "$OUT" && ls -A | grep -vxF "$(basename "$EXE")" || true)"
if [ -n "$extra" ]; then
  echo "publish-sidecar: the $FLAVOUR output holds more than the executable: $(echo "$extra" | tr '\n' ' ')" >&2; exit 1
fi
if [ -n "$PE_MACHINE" ]; then
  # A console program (the protocol is its stdin/stdout) for the RID's CPU, read from its PE header.
  facts="$(node "$REPO/scripts/package/pe-header.mjs" --expect "$PE_MACHINE" "$EXE")" ||
    { echo "publish-sidecar: $EXE is not what $RID needs (above)" >&2; exit 1; }
  echo "publish-sidecar: $(basename "$EXE") ($RID, $FLAVOUR, $facts, $(du -h "$EXE" | cut -f1))" >&2
fi
if [ -n "$ELF_MACHINE" ]; then
  # readelf (binutils) reads every architecture's ELF; objdump on x86-64 does not know aarch64.
  machine="$(readelf -h "$EXE" 2>/dev/null | sed -n 's/^ *Machine: *//p')"
  case "$machine" in
    *"$ELF_MACHINE"*) ;;
    *) echo "publish-sidecar: $EXE is not an $ELF_MACHINE ELF (readelf says: ${machine:-not an ELF})" >&2; exit 1 ;;
  esac
  # Highest GLIBC_x.y the executable asks for (its version-needed entries): what the oldest glibc it runs on must export.
  needed="$(readelf -V -W "$EXE" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/GLIBC_//' | sort -uV | tail -1)"
  if [ -z "$needed" ]; then echo "publish-sidecar: could not read the glibc versions $EXE needs" >&2; exit 1; fi
  if [ "$(printf '%s\n%s\n' "$needed" "$GLIBC_FLOOR" | sort -V | tail -1)" != "$GLIBC_FLOOR" ]; then
    echo "publish-sidecar: $EXE needs GLIBC_$needed, above the supported floor $GLIBC_FLOOR (was the sysroot used?)" >&2
    exit 1
  fi
  echo "publish-sidecar: $(basename "$EXE") ($RID, NativeAOT, $machine, $(du -h "$EXE" | cut -f1)) needs glibc $needed at most" >&2
fi
