#!/usr/bin/env bash
# Sourced. ensure_bullseye_root DIR PACKAGES [ARCH]: a Debian 11 (bullseye, glibc 2.31) minbase root at DIR with the
# comma-separated PACKAGES in it, for ARCH (a Debian architecture; default this machine's), made once with debootstrap
# and kept (DIR/.complete holds what it was made with).
# Why bullseye: it is the oldest glibc VS Code still supports on Linux (2.31, like Ubuntu 20.04), and the oldest suite
# the Debian registry still serves. Uses: the sysroots the NativeAOT sidecar links against (so it asks for no symbol
# newer than 2.31), the chroot the glibc-floor test runs the published sidecar in, and the arm64 root qemu-user runs
# the arm64 sidecar and Python against (tests/qemu-arm64).
# Another architecture's packages cannot be configured here (their maintainer scripts are that CPU's programs), so
# for one debootstrap only downloads them (--foreign) and they are unpacked as files: a root to link against and to
# give qemu as its library root (-L), not one to chroot into.
# Needs root (debootstrap, chroot) and debootstrap itself (scripts/setup.sh installs it).
ensure_bullseye_root() {
  local dir="$1" packages="$2" arch="${3:-$(dpkg --print-architecture)}"
  local mirror="${VENV_DOCTOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  local foreign=""; [ "$arch" = "$(dpkg --print-architecture)" ] || foreign="$arch"
  local want="bullseye minbase ${foreign:+$foreign }$packages"
  if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$want" ]; then return 0; fi
  if ! command -v debootstrap >/dev/null; then
    echo "bullseye-root: debootstrap is missing (scripts/setup.sh installs it)" >&2; return 1
  fi
  if [ "$(id -u)" != 0 ]; then echo "bullseye-root: debootstrap needs root" >&2; return 1; fi
  # A half-made root (an interrupted run) is made again from nothing, in a sibling folder swapped in at the end.
  local tmp="$dir.partial"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$dir")"
  echo "bullseye-root: debootstrap bullseye ${foreign:+($arch) }($packages) into $dir, about a minute" >&2
  local args=(--variant=minbase --include="$packages")
  [ -z "$foreign" ] || args+=(--arch="$arch" --foreign)
  if ! debootstrap "${args[@]}" bullseye "$tmp" "$mirror" >"$tmp.log" 2>&1; then
    tail -20 "$tmp.log" >&2
    echo "bullseye-root: debootstrap failed (log: $tmp.log)" >&2; return 1
  fi
  if [ -n "$foreign" ]; then
    _bullseye_unpack_downloaded "$tmp" || return 1
    # The first stage links proc to the host's /proc for a second stage that never runs here; no link leaves the root.
    if [ -L "$tmp/proc" ]; then rm "$tmp/proc" && mkdir "$tmp/proc"; fi
  fi
  _bullseye_relative_links "$tmp"
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

# The foreign first stage leaves every package it chose (with PACKAGES' dependencies) in var/cache/apt/archives:
# unpack each one's files into the root. tar must keep the merged-/usr links (lib -> usr/lib) that the first stage
# made, or a package's ./lib/ would replace the link with a folder and split the root in two.
_bullseye_unpack_downloaded() {
  local root="$1" deb n=0
  for deb in "$root"/var/cache/apt/archives/*.deb; do
    [ -f "$deb" ] || continue
    if ! dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$root" -f -; then
      echo "bullseye-root: could not unpack $deb" >&2; return 1
    fi
    n=$((n + 1))
  done
  rm -f "$root"/var/cache/apt/archives/*.deb   # unpacked: only space now (about 100 MB)
  [ "$n" -gt 0 ] || { echo "bullseye-root: debootstrap downloaded no packages into $root" >&2; return 1; }
}

# A linker given --sysroot, and qemu given -L, resolve an absolute symlink (libm.so -> /lib/x86_64-linux-gnu/libm.so.6)
# against the host's /, not the root: make every absolute link relative to where it sits.
_bullseye_relative_links() {
  local root="$1" link target rel
  find "$root" -xdev -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
    target="$(readlink "$link")"
    rel="$(realpath -m --relative-to="$(dirname "$link")" "$root$target")"
    ln -sfn "$rel" "$link"
  done
}
