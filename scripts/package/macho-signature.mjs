// Reads a darwin executable's Mach-O header and its embedded code signature, and checks the signature the way
// macOS checks an ad-hoc one before it runs the file: LC_CODE_SIGNATURE → the SuperBlob (0xfade0cc0) → its
// CodeDirectory (0xfade0c02): SHA-256 page hashes, the ad-hoc flag, codeLimit and page size, and every page's hash
// against the file's bytes. Apple-silicon macOS refuses to run an arm64 executable without a valid signature; the .NET
// SDK signs the apphost ad hoc when it publishes for osx-* (on Linux too). Hand-written: no npm package reads this
// format without macOS's own tools. Formats: <mach-o/loader.h> and the kernel's cs_blobs.h (all blob fields big-endian).
//
//   node scripts/package/macho-signature.mjs FILE CPU     (CPU: x86_64 or arm64) prints one line; exit 0 when valid.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

const MH_MAGIC_64 = 0xfeedfacf;
const CPU = { 0x01000007: 'x86_64', 0x0100000c: 'arm64' };
const MH_EXECUTE = 2;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSSLOT_CODEDIRECTORY = 0;
const CS_ADHOC = 0x2;
const CS_HASHTYPE_SHA256 = 2;
// A signature blob is a few hundred KB at most for a large executable; more is not a real one.
const MAX_SIGNATURE = 16 << 20;

/**
 * The header and signature of a 64-bit little-endian Mach-O executable (what the SDK's apphost is), and every problem
 * found, one line each: { cpu, fileType, signature: { offset, size, identifier, flags, hashType, pageSize,
 * codeLimit, pages } | undefined, problems: [] }. Nothing here throws on a malformed file: it says what is wrong.
 */
export function readSignedMachO(file) {
  const problems = [];
  const bytes = fs.readFileSync(file);
  if (bytes.length < 32 || bytes.readUInt32LE(0) !== MH_MAGIC_64) {
    return { problems: [`${file} is not a 64-bit little-endian Mach-O file`] };
  }
  const cpu = CPU[bytes.readUInt32LE(4)] ?? `cpu-0x${bytes.readUInt32LE(4).toString(16)}`;
  const fileType = bytes.readUInt32LE(12);
  if (fileType !== MH_EXECUTE) problems.push(`file type ${fileType} is not MH_EXECUTE (2)`);
  const ncmds = bytes.readUInt32LE(16);
  const sizeofcmds = bytes.readUInt32LE(20);
  if (32 + sizeofcmds > bytes.length) return { cpu, fileType, problems: [...problems, 'its load commands run past the end of the file'] };
  let at = 32;
  let codeSignature;
  for (let i = 0; i < ncmds; i++) {
    if (at + 8 > 32 + sizeofcmds) { problems.push(`load command ${i} runs past the others`); break; }
    const cmd = bytes.readUInt32LE(at);
    const size = bytes.readUInt32LE(at + 4);
    if (size < 8 || at + size > 32 + sizeofcmds) { problems.push(`load command ${i} has a size of ${size} bytes`); break; }
    if (cmd === LC_CODE_SIGNATURE && size >= 16) codeSignature = { offset: bytes.readUInt32LE(at + 8), size: bytes.readUInt32LE(at + 12) };
    at += size;
  }
  if (!codeSignature) return { cpu, fileType, problems: [...problems, 'it has no LC_CODE_SIGNATURE: macOS on Apple silicon will not run it'] };
  const { offset, size } = codeSignature;
  if (size > MAX_SIGNATURE || offset + size > bytes.length) {
    return { cpu, fileType, problems: [...problems, `LC_CODE_SIGNATURE (offset ${offset}, ${size} bytes) lies outside the file`] };
  }
  const signature = readCodeDirectory(bytes, offset, size, problems);
  return { cpu, fileType, signature, problems };
}

/** The CodeDirectory of the SuperBlob at offset, checked against the file; problems are added to the list. */
function readCodeDirectory(bytes, offset, size, problems) {
  const blob = bytes.subarray(offset, offset + size);
  if (blob.length < 12 || blob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) {
    problems.push(`the signature is not an embedded-signature SuperBlob (magic 0x${blob.length >= 4 ? blob.readUInt32BE(0).toString(16) : '?'})`);
    return undefined;
  }
  const count = blob.readUInt32BE(8);
  let cdOffset;
  for (let i = 0; i < count && 12 + 8 * (i + 1) <= blob.length; i++) {
    if (blob.readUInt32BE(12 + 8 * i) === CSSLOT_CODEDIRECTORY) cdOffset = blob.readUInt32BE(16 + 8 * i);
  }
  if (cdOffset === undefined || cdOffset + 44 > blob.length) { problems.push('the SuperBlob holds no CodeDirectory'); return undefined; }
  const cd = blob.subarray(cdOffset);
  if (cd.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY) { problems.push(`the CodeDirectory's magic is 0x${cd.readUInt32BE(0).toString(16)}, not 0xfade0c02`); return undefined; }
  const flags = cd.readUInt32BE(12);
  const hashOffset = cd.readUInt32BE(16);
  const identOffset = cd.readUInt32BE(20);
  const nCodeSlots = cd.readUInt32BE(28);
  const codeLimit = cd.readUInt32BE(32);
  const hashSize = cd[36];
  const hashType = cd[37];
  const pageSize = cd[39] === 0 ? 0 : 2 ** cd[39];
  const identEnd = cd.indexOf(0, identOffset);
  const identifier = identOffset < cd.length && identEnd > identOffset ? cd.toString('utf8', identOffset, identEnd) : '';
  const info = { offset, size, identifier, flags, hashType, pageSize, codeLimit, pages: nCodeSlots };
  if (!(flags & CS_ADHOC)) problems.push(`the CodeDirectory's flags 0x${flags.toString(16)} lack CS_ADHOC (0x2)`);
  if (hashType !== CS_HASHTYPE_SHA256 || hashSize !== 32) problems.push(`hash type ${hashType} of ${hashSize} bytes, not SHA-256 (2, 32 bytes)`);
  if (codeLimit !== offset) problems.push(`codeLimit ${codeLimit} is not where the signature starts (${offset}): the signature does not cover the whole file`);
  if (pageSize === 0) { problems.push('page size 0: the file is hashed as one page, which codesign never writes'); return info; }
  if (nCodeSlots !== Math.ceil(codeLimit / pageSize)) problems.push(`${nCodeSlots} page hashes for ${codeLimit} bytes in ${pageSize}-byte pages`);
  if (hashOffset + nCodeSlots * hashSize > cd.length) { problems.push('the page hashes run past the CodeDirectory'); return info; }
  let wrong = 0;
  let first;
  for (let page = 0; page < nCodeSlots; page++) {
    const start = page * pageSize;
    const data = bytes.subarray(start, Math.min(start + pageSize, codeLimit));
    const recorded = cd.subarray(hashOffset + page * hashSize, hashOffset + (page + 1) * hashSize);
    if (!createHash('sha256').update(data).digest().equals(recorded)) { wrong++; first ??= page; }
  }
  if (wrong > 0) problems.push(`${wrong} of ${nCodeSlots} page hashes do not match the file (first: page ${first}, bytes ${first * pageSize}–)`);
  return info;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, cpu] = process.argv.slice(2);
  if (!file || !cpu) { console.error('usage: macho-signature.mjs FILE x86_64|arm64'); process.exit(2); }
  const found = readSignedMachO(file);
  if (found.cpu !== undefined && found.cpu !== cpu) found.problems.unshift(`it is a Mach-O for ${found.cpu}, not ${cpu}`);
  if (found.problems.length > 0) { console.error(`macho-signature: ${file}: ${found.problems.join('; ')}`); process.exit(1); }
  const s = found.signature;
  console.log(`macho-signature: ${file}: Mach-O ${found.cpu} executable, ad-hoc signed (identifier ${s.identifier}), `
    + `${s.pages} SHA-256 page hashes of ${s.pageSize} bytes over ${s.codeLimit} bytes, all matching`);
}
