// The header facts of a Windows executable (PE/COFF) that say where it runs: the CPU (COFF Machine) and whether it is
// a console program (optional header Subsystem). Read from the file's bytes, as the Windows loader reads them, so
// the check does not depend on which CPUs this machine's binutils know (objdump here does not read arm64 PE).
// Used by scripts/publish-sidecar.sh (as a command, below) and by the packaging and Wine suites (as a module).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// IMAGE_FILE_MACHINE_* values (Microsoft PE format specification) of the CPUs VS Code's Windows targets run on.
export const PE_MACHINE = { x64: 0x8664, arm64: 0xaa64 };
// IMAGE_SUBSYSTEM_* values: a console program gets stdin/stdout (the sidecar's protocol); a GUI one does not.
export const PE_SUBSYSTEM = { gui: 2, console: 3 };

// Enough for the DOS header, the PE signature, the COFF header and the optional header's Subsystem field.
const HEAD_BYTES = 4096;

/**
 * { pe, machine, subsystem, pe32Plus } from the first bytes of FILE; pe is false (and the rest undefined) when the
 * file is not a PE image: no `MZ`, an e_lfanew outside the bytes read, or no `PE\0\0` signature there.
 */
export function peHeader(file) {
  const head = Buffer.alloc(HEAD_BYTES);
  const fd = fs.openSync(file, 'r');
  let length;
  try { length = fs.readSync(fd, head, 0, head.length, 0); } finally { fs.closeSync(fd); }
  const bytes = head.subarray(0, length);
  if (bytes.length < 0x40 || bytes.toString('latin1', 0, 2) !== 'MZ') return { pe: false };
  const peAt = bytes.readUInt32LE(0x3c);
  const optionalAt = peAt + 4 + 20;
  if (optionalAt + 70 > bytes.length || bytes.toString('latin1', peAt, peAt + 4) !== 'PE\0\0') return { pe: false };
  return {
    pe: true,
    machine: bytes.readUInt16LE(peAt + 4),
    // 0x20b: PE32+ (64-bit image); 0x10b: PE32.
    pe32Plus: bytes.readUInt16LE(optionalAt) === 0x20b,
    // At the same offset (68) in the PE32 and PE32+ optional headers.
    subsystem: bytes.readUInt16LE(optionalAt + 68),
  };
}

/** 'PE x64 console' and the like, or what the header says instead. */
export function describePe(facts) {
  if (!facts.pe) return 'not a PE image';
  const cpu = Object.keys(PE_MACHINE).find((k) => PE_MACHINE[k] === facts.machine) ?? `machine 0x${facts.machine.toString(16)}`;
  const kind = Object.keys(PE_SUBSYSTEM).find((k) => PE_SUBSYSTEM[k] === facts.subsystem) ?? `subsystem ${facts.subsystem}`;
  return `PE${facts.pe32Plus ? '32+' : '32'} ${cpu} ${kind}`;
}

// As a command: `node pe-header.mjs --expect x64|arm64 FILE` prints the description and exits 0 when FILE is a
// 64-bit console PE for that CPU, else says what it is and exits 1.
if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const [flag, cpu, file] = process.argv.slice(2);
  if (flag !== '--expect' || !(cpu in PE_MACHINE) || !file) {
    console.error(`usage: node pe-header.mjs --expect ${Object.keys(PE_MACHINE).join('|')} FILE`);
    process.exit(2);
  }
  const facts = peHeader(file);
  const wanted = { pe: true, machine: PE_MACHINE[cpu], pe32Plus: true, subsystem: PE_SUBSYSTEM.console };
  const description = describePe(facts);
  if (description !== describePe(wanted)) {
    console.error(`${file}: ${description}, not ${describePe(wanted)}`);
    process.exit(1);
  }
  console.log(description);
}
