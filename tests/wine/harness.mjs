// The win-x64 sidecar under Wine, and the Windows things it is tested on: a python.org-style base install and venvs
// made from it, laid out on this disk by a real CPython's own Windows templates and pip's distlib launchers
// (tests/wine/windows-layout.py). tests/wine/run.sh publishes the build, makes the Wine prefix once in a scratch
// folder and passes both in the environment (see there).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, lstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with tests/wine/run.sh`);
  return value;
}

/** The executable under test and how Wine is started for it (its prefix made once per run by run.sh). */
export const sidecar = {
  executable: required('VENV_DOCTOR_WINE_SIDECAR'),
  launcher: [required('VENV_DOCTOR_WINE')],
  env: { WINEPREFIX: required('WINEPREFIX'), WINEDEBUG: '-all' },
};

// Journals and settings state of every repair: the run's own folder (a Linux folder, named as Wine shows it).
const stateDir = required('VENV_DOCTOR_STATE_DIR');

/** How a Linux path appears to a Windows program under Wine: Wine's Z: drive is this machine's /. */
export function winPath(linuxPath) {
  if (!linuxPath.startsWith('/')) throw new Error(`not an absolute Linux path: ${linuxPath}`);
  return `Z:${linuxPath.replaceAll('/', '\\')}`;
}

/** The file: URI VS Code on Windows sends for a folder (drive letter lower-cased, its colon escaped). */
export function winFolderUri(linuxPath) {
  return `file:///z%3A${linuxPath.split('/').map(encodeURIComponent).join('/')}`;
}

function environment() {
  return { ...process.env, ...sidecar.env, VENV_DOCTOR_STATE_DIR: winPath(stateDir) };
}

/** Runs a verb to its end; arguments that are paths must be given as Windows text (winPath). */
export function run(args, { timeout = 180_000 } = {}) {
  const command = [...sidecar.launcher, sidecar.executable, ...args];
  const started = performance.now();
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout, env: environment() });
  if (r.error) throw new Error(`wine venv-sidecar ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** Starts a long-running verb (`watch`); the caller stops it. */
export function start(args) {
  const command = [...sidecar.launcher, sidecar.executable, ...args];
  return spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: environment() });
}

/**
 * The CPython that lays out the Windows things: the newest pyenv CPython 3.8+ whose pip bundles distlib's Windows
 * launchers (t64.exe). Found at run time; none is a failure of the suite's setup (the cases would prove nothing).
 */
export function layoutPython() {
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const found = (existsSync(versions) ? readdirSync(versions) : [])
    .filter((v) => /^3\.\d+\.\d+$/.test(v) && Number(v.split('.')[1]) >= 8)
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((v) => {
      const minor = v.split('.').slice(0, 2).join('.');
      return { version: v, executable: join(versions, v, 'bin', `python${minor}`),
        distlib: join(versions, v, 'lib', `python${minor}`, 'site-packages', 'pip', '_vendor', 'distlib') };
    })
    .find((p) => existsSync(p.executable) && existsSync(join(p.distlib, 't64.exe')));
  if (!found) throw new Error(`no pyenv CPython 3.8+ with pip's distlib launchers under ${versions}: cannot lay out Windows venvs`);
  return found;
}

function layout(args) {
  const python = layoutPython();
  const out = execFileSync(python.executable, [join(import.meta.dirname, 'windows-layout.py'), ...args],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  return JSON.parse(out);
}

/** A python.org-style install of the layout CPython's X.Y in `dir`; returns its python.exe as Windows text. */
export function makeBase(dir) {
  layout(['base', dir]);
  return winPath(join(dir, 'python.exe'));
}

/** A venv made at `dir` (recorded as winPath(dir)) from the base whose python.exe is `baseExe` (Windows text). */
export function makeWindowsVenv(dir, baseExe) {
  return layout(['venv', dir, winPath(dir), baseExe]);
}

/** sha256 of every file under `dir`, by path relative to it, and each folder (for byte-for-byte checks). */
export function hashTree(dir) {
  const entries = {};
  const walk = (path) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const st = lstatSync(full);
      if (st.isDirectory()) { entries[`${relative(dir, full)}/`] = 'dir'; walk(full); }
      else entries[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return entries;
}

/** Prints a figure in the suite's output (a TAP diagnostic line, `# figure: ...`), which run.sh gathers at the end. */
export function figure(text) {
  console.log(`figure: ${text}`);
}

/** Runs a program of the suite's Wine prefix itself (`reg`, ...) to its end; a failure throws. */
export function wineTool(args) {
  const r = spawnSync(sidecar.launcher[0], args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...sidecar.env } });
  if (r.error || r.status !== 0) throw new Error(`wine ${args.join(' ')}: exit ${r.status} ${r.error?.message ?? ''} ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The prefix's C: drive, as a Linux folder (a Windows program sees join(cDrive, 'x', 'y') as C:\x\y). */
export const cDrive = join(sidecar.env.WINEPREFIX, 'drive_c');

/** %LOCALAPPDATA% of the prefix's user (made by Wine's first start): the Linux folder and how Windows programs name it. */
export function localAppData() {
  const users = join(cDrive, 'users');
  const user = readdirSync(users).find((u) => u !== 'Public' && existsSync(join(users, u, 'AppData', 'Local')));
  if (!user) throw new Error(`no user with AppData\\Local under ${users}`);
  return { linux: join(users, user, 'AppData', 'Local'), windows: `C:\\users\\${user}\\AppData\\Local` };
}
