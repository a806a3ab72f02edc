// Real Python interpreters found on this machine at run time, and real venvs made with them. Nothing assumes a
// given version: a scenario asks for what it needs and skips with the reason when the machine does not have it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cached;

/** Every working interpreter: pyenv builds (newest first), then the system's python3.X. */
export function findPythons() {
  if (cached) return cached;
  const candidates = [];
  const pyenvRoot = process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv');
  const versionsDir = path.join(pyenvRoot, 'versions');
  if (fs.existsSync(versionsDir)) {
    for (const version of fs.readdirSync(versionsDir)) {
      const bin = path.join(versionsDir, version, 'bin');
      const exe = fs.existsSync(bin) && fs.readdirSync(bin).find((n) => /^python\d+\.\d+$/.test(n));
      if (exe) candidates.push({ executable: path.join(bin, exe), prefix: path.join(versionsDir, version), source: 'pyenv' });
    }
  }
  for (const dir of ['/usr/bin', '/usr/local/bin']) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (/^python3\.\d+$/.test(name)) candidates.push({ executable: path.join(dir, name), prefix: path.dirname(dir), source: 'system' });
    }
  }
  cached = [];
  for (const candidate of candidates) {
    try {
      const out = execFileSync(candidate.executable, ['-c',
        'import sys, importlib.util as u; print("%d.%d.%d" % sys.version_info[:3]); print(u.find_spec("venv") is not None and u.find_spec("ensurepip") is not None)'],
      { encoding: 'utf8', timeout: 10000, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
      cached.push({ ...candidate, version: out[0], hasVenvWithPip: out[1] === 'True' });
    } catch { /* not a working interpreter */ }
  }
  const key = (p) => p.version.split('.').map((n) => n.padStart(4, '0')).join('.');
  cached.sort((a, b) => (a.source === b.source ? key(b).localeCompare(key(a)) : a.source === 'pyenv' ? -1 : 1));
  return cached;
}

/** The first interpreter (pyenv preferred, newest first) that is 3.x ≥ 3.8 and passes `filter`. */
export function findPython(filter = () => true) {
  return findPythons().find((p) => /^3\.(\d+)\./.test(p.version) && Number(p.version.split('.')[1]) >= 8 && filter(p));
}

/** Makes a venv with `python`. Without pip unless asked (pip needs ensurepip and takes a few seconds). */
export function makeVenv(python, dir, { withPip = false } = {}) {
  const args = ['-m', 'venv'];
  if (!withPip) args.push('--without-pip');
  execFileSync(python.executable, [...args, dir], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  return dir;
}

/**
 * A private copy of a pyenv installation (executable, shared library, standard library without its tests), so a
 * test can make a venv from it and then delete the base. Returns an interpreter record for the copy.
 */
export function copyPyenvInstall(python, destination) {
  if (python.source !== 'pyenv') throw new Error(`${python.executable} is not a pyenv build`);
  const minor = python.version.split('.').slice(0, 2).join('.');
  const skip = new Set([`lib/python${minor}/test`, `lib/python${minor}/site-packages`, `lib/python${minor}/idlelib`,
    `lib/python${minor}/tkinter`, `lib/python${minor}/turtledemo`, 'share', 'include']);
  fs.cpSync(python.prefix, destination, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      const relative = path.relative(python.prefix, source);
      return !skip.has(relative) && !relative.includes('__pycache__') && !relative.startsWith(`lib/python${minor}/config-`);
    },
  });
  fs.mkdirSync(path.join(destination, `lib/python${minor}/site-packages`), { recursive: true });
  return { ...python, executable: path.join(destination, 'bin', path.basename(python.executable)), prefix: destination, source: 'copy' };
}

/** Reads a venv's pyvenv.cfg into an object (keys lower-cased). */
export function readPyvenvCfg(venv) {
  const cfg = {};
  for (const line of fs.readFileSync(path.join(venv, 'pyvenv.cfg'), 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) cfg[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return cfg;
}
