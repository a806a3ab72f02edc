// Reading a built VSIX for the packaging tests: its entries, their modes, its manifest, and the headers of the files
// that matter (ELF, PNG). A VSIX is a zip; Debian's unzip (installed by scripts/setup.sh) lists and extracts it and
// keeps the modes it records, so the exec bit seen here is the one VS Code's installer restores.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../../..');

// What a VSIX may hold: what runs (the bundle, the sidecar) and what VS Code and the Marketplace show
// (package.json, README, CHANGELOG, LICENSE, icon). extension/.vscodeignore is the same list; `vsce ls` prints
// these paths relative to extension/.
// The sidecar is the one entry that differs by target: Windows runs only a file named .exe.
export const SIDECARS = ['server/venv-sidecar', 'server/venv-sidecar.exe'];
export const EXTENSION_FILES = [
  'package.json', 'dist/extension.js', ...SIDECARS, 'images/icon.png', 'README.md', 'CHANGELOG.md', 'LICENSE',
];
// vsce stores the README, CHANGELOG and LICENSE under fixed names of its own.
export const STORED_AS = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };

/** The sidecar's path inside extension/ for a VS Code target (the name src/sidecar/sidecarLocator.ts looks for). */
export function sidecarOf(target) {
  return target.startsWith('win32-') ? 'server/venv-sidecar.exe' : 'server/venv-sidecar';
}

/** The archive of a target's VSIX: the two files every VSIX has, then the allow-list under extension/ with its sidecar. */
export function vsixEntries(target) {
  return ['[Content_Types].xml', 'extension.vsixmanifest',
    ...EXTENSION_FILES.filter((f) => !SIDECARS.includes(f) || f === sidecarOf(target)).map((f) => `extension/${STORED_AS[f] ?? f}`)];
}

// ELF e_machine values (the System V ABI's registry) of the CPUs each VS Code target runs on.
export const ELF_MACHINE = { 'linux-x64': { code: 62, name: 'x86-64' }, 'linux-arm64': { code: 183, name: 'AArch64' } };
// The Mach-O CPU of each darwin target's sidecar (scripts/package/macho-signature.mjs names them so).
export const MACHO_CPU = { 'darwin-x64': 'x86_64', 'darwin-arm64': 'arm64' };
// The PE machine (scripts/package/pe-header.mjs) of each Windows target's sidecar.
export const PE_CPU = { 'win32-x64': 'x64', 'win32-arm64': 'arm64' };

export function vsixPath(target) {
  return path.join(REPO, 'artifacts', 'package', `venv-doctor-${target}.vsix`);
}

/** Extracts the whole VSIX into a fresh temporary folder and returns it. */
export function unpack(vsix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-vsix-'));
  execFileSync('unzip', ['-q', vsix, '-d', dir]);
  return dir;
}

/** The archive's file entries (folders left out), as stored. */
export function entries(vsix) {
  return execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter((n) => n && !n.endsWith('/'));
}

/** The TargetPlatform attribute of the manifest's Identity element (undefined when there is none). */
export function targetPlatform(manifestXml) {
  const identity = manifestXml.match(/<Identity\b[^>]*>/)?.[0] ?? '';
  return identity.match(/\bTargetPlatform="([^"]*)"/)?.[1];
}

/** The manifest's assets, as { type: path }. */
export function assets(manifestXml) {
  const found = {};
  for (const [, attrs] of manifestXml.matchAll(/<Asset\b([^>]*)\/?>/g)) {
    const type = attrs.match(/\bType="([^"]*)"/)?.[1];
    const file = attrs.match(/\bPath="([^"]*)"/)?.[1];
    if (type && file) found[type] = file;
  }
  return found;
}

/** ELF identification of a file: { elf, bits, littleEndian, type, machine } from its first 20 bytes. */
export function elfHeader(file) {
  const head = Buffer.alloc(20);
  const fd = fs.openSync(file, 'r');
  try { fs.readSync(fd, head, 0, head.length, 0); } finally { fs.closeSync(fd); }
  const elf = head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  const littleEndian = head[5] === 1;
  const u16 = (at) => (littleEndian ? head.readUInt16LE(at) : head.readUInt16BE(at));
  return { elf, bits: head[4] === 2 ? 64 : 32, littleEndian, type: u16(16), machine: u16(18) };
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function mib(file) {
  return `${(fs.statSync(file).size / 1048576).toFixed(1)} MiB`;
}
