#!/usr/bin/env bash
# Sourced. ensure_bullseye_root DIR PACKAGES: a Debian 11 (bullseye, glibc 2.31) minbase root at DIR with the
# comma-separated PACKAGES in it, made once with debootstrap and kept (DIR/.complete holds what it was made with).
# Why bullseye: it is the oldest glibc VS Code still supports on Linux (2.31, like Ubuntu 20.04), and the oldest suite
# the Debian registry still serves. Two uses: the sysroot the NativeAOT sidecar links against (so it asks for no
# symbol newer than 2.31), and the chroot the glibc-floor test runs the published sidecar in.
# Needs root (debootstrap, chroot) and debootstrap itself (scripts/setup.sh installs it).
ensure_bullseye_root() {
  local dir="$1" packages="$2" mirror="${VENV_DOCTOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  local want="bullseye minbase $packages"
  if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$want" ]; then return 0; fi
  if ! command -v debootstrap >/dev/null; then
    echo "bullseye-root: debootstrap is missing (scripts/setup.sh installs it)" >&2; return 1
  fi
  if [ "$(id -u)" != 0 ]; then echo "bullseye-root: debootstrap needs root" >&2; return 1; fi
  # A half-made root (an interrupted run) is made again from nothing, in a sibling folder swapped in at the end.
  local tmp="$dir.partial"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$dir")"
  echo "bullseye-root: debootstrap bullseye ($packages) into $dir, about a minute" >&2
  if ! debootstrap --variant=minbase --include="$packages" bullseye "$tmp" "$mirror" >"$tmp.log" 2>&1; then
    tail -20 "$tmp.log" >&2
    echo "bullseye-root: debootstrap failed (log: $tmp.log)" >&2; return 1
  fi
  # A linker given --sysroot resolves an absolute symlink (libm.so -> /lib/x86_64-linux-gnu/libm.so.6) against
  # the host's /, not the sysroot: make every absolute link relative to where it sits.
  find "$tmp" -xdev -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
    local target rel
    target="$(readlink "$link")"
    rel="$(realpath -m --relative-to="$(dirname "$link")" "$tmp$target")"
    ln -sfn "$rel" "$link"
  done
  # The NativeAOT link names the x86-64 loader by its ABI path, /lib64/ld-linux-x86-64.so.2; under --sysroot that
  # is usr/lib64/... (lib64 -> usr/lib64 in a merged-/usr root), which bullseye's libc6 does not provide.
  if [ -d "$tmp/usr/lib/x86_64-linux-gnu" ] && [ ! -e "$tmp/usr/lib64/ld-linux-x86-64.so.2" ]; then
    mkdir -p "$tmp/usr/lib64"
    ln -sfn ../lib/x86_64-linux-gnu/ld-2.31.so "$tmp/usr/lib64/ld-linux-x86-64.so.2"
  fi
  echo "$want" >"$tmp/.complete"
  rm -rf "$dir"
  mv "$tmp" "$dir"
}
