// The two builds under test and the real things they are tested on: the arm64 NativeAOT sidecar run under qemu-user,
// the x64 NativeAOT sidecar run natively, real venvs made by this machine's Pythons and by Debian's arm64 python3.
// tests/qemu-arm64/run.sh makes the roots and the builds and passes them in the environment (see there).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with tests/qemu-arm64/run.sh`);
  return value;
}

const qemu = required('VENV_DOCTOR_QEMU');

/** How to start each build: `launcher` goes in front of `executable` (binfmt_misc is not mounted, so qemu is named). */
export const builds = {
  arm64: { name: 'arm64 under qemu', executable: required('VENV_DOCTOR_ARM64_SIDECAR'), launcher: [qemu, '-L', required('VENV_DOCTOR_ARM64_LIBRARY_ROOT')] },
  x64: { name: 'x64', executable: required('VENV_DOCTOR_X64_SIDECAR'), launcher: [] },
};

/** Debian's arm64 python3 (bullseye) and the root qemu loads its libraries from. */
export const arm64Python = {
  root: required('VENV_DOCTOR_ARM64_ROOT'),
  get executable() { return join(this.root, 'usr', 'bin', 'python3'); },
  launcher() { return [qemu, '-L', this.root]; },
};

/** The aarch64 zlib scripts/setup.sh unpacks from Debian's arm64 archive (as the native tests use it). */
export const arm64Zlib = join(process.env.VENV_DOCTOR_TEST_DATA ?? join(homedir(), '.cache', 'venv-doctor-tests'),
  'zlib1g-arm64', 'lib', 'aarch64-linux-gnu', 'libz.so.1.2.13');

// The journals and settings state of every repair go to the run's own folder, never the user's.
const stateDir = required('VENV_DOCTOR_STATE_DIR');

/** Runs a verb of one build to its end; `ms` is the wall-clock time from spawn to exit. */
export function run(build, args, { timeout = 120_000, cwd } = {}) {
  const command = [...build.launcher, build.executable, ...args];
  const started = performance.now();
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout, cwd, env: { ...process.env, VENV_DOCTOR_STATE_DIR: stateDir } });
  if (r.error) throw new Error(`${build.name} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** Starts a long-running verb (`watch`) of one build; the caller stops it. */
export function start(build, args) {
  const command = [...build.launcher, build.executable, ...args];
  return spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VENV_DOCTOR_STATE_DIR: stateDir } });
}

/**
 * The real Pythons found on this machine: /usr/bin/python3 and the pyenv CPython 3 builds, oldest to newest. Which
 * exist is found at run time; the suite fails when there is none (a venv set of nothing proves nothing).
 */
export function pythons() {
  const found = [];
  if (existsSync('/usr/bin/python3')) found.push('/usr/bin/python3');
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  if (existsSync(versions)) {
    const v3 = readdirSync(versions).filter((v) => /^3\.\d+\.\d+$/.test(v))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    // The oldest and the newest: two layouts of lib/ and of the activation scripts apart, in little time.
    for (const v of new Set([v3[0], v3.at(-1)].filter(Boolean))) {
      const minor = v.split('.').slice(0, 2).join('.');
      const exe = join(versions, v, 'bin', `python${minor}`);
      if (existsSync(exe)) found.push(exe);
    }
  }
  return found;
}

/** `python -m venv DIR`, by a real interpreter (with `launcher` in front for the arm64 one). */
export function makeVenv(python, dir, { pip = false, launcher = [] } = {}) {
  const command = [...launcher, python, '-m', 'venv', ...(pip ? [] : ['--without-pip']), dir];
  execFileSync(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
}

/** The only site-packages folder of a venv. */
export function sitePackages(venv) {
  const lib = join(venv, 'lib');
  const [pythonDir] = readdirSync(lib).filter((d) => d.startsWith('python'));
  return join(lib, pythonDir, 'site-packages');
}

/** Every entry under `dir`: kind, mode, and the bytes of a file or the target of a link (for byte-for-byte checks). */
export function snapshot(dir) {
  const entries = {};
  const walk = (path) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const st = lstatSync(full);
      const key = relative(dir, full);
      if (st.isSymbolicLink()) entries[key] = { link: readlinkSync(full) };
      else if (st.isDirectory()) { entries[key] = { dir: true, mode: st.mode }; walk(full); }
      else entries[key] = { mode: st.mode, bytes: readFileSync(full).toString('base64') };
    }
  };
  walk(dir);
  return entries;
}

/** The highest GLIBC_x.y an ELF asks for, and its machine, read with readelf (binutils reads every architecture). */
export function elfFacts(path) {
  const header = execFileSync('readelf', ['-h', path], { encoding: 'utf8' });
  const versions = execFileSync('readelf', ['-V', '-W', path], { encoding: 'utf8' }).match(/GLIBC_[0-9.]+/g) ?? [];
  const ceiling = [...new Set(versions.map((v) => v.slice('GLIBC_'.length)))]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1) ?? null;
  return { machine: header.match(/Machine:\s*(.+)/)?.[1].trim() ?? null, glibcCeiling: ceiling };
}

/** Prints a figure in the suite's output (a TAP diagnostic line, `# figure: ...`), which run.sh gathers at the end. */
export function figure(text) {
  console.log(`figure: ${text}`);
}
