// `scan --json` by the win-x64 sidecar under Wine, of Windows-layout venvs on Wine's Z: drive: a healthy one on a
// python.org-style base (a real folder tree its pyvenv.cfg `home` names), one moved, one copied while its original
// is still there, one whose base install was removed. No Windows CPython exists here: tests/wine/windows-layout.py
// lays them out with a real CPython's own Windows templates and pip's distlib launchers. Started by tests/wine/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, makeBase, makeWindowsVenv, run, winPath } from './harness.mjs';

let work;      // every folder of this file is made below this one
let scanned;   // the folder of Windows venvs scanned
let scan;      // its `scan --json` document, and the exit status and stderr

before(() => {
  work = mkdtempSync(join(tmpdir(), 'wine-scan-'));
  scanned = join(work, 'scanned');
  const baseExe = makeBase(join(work, 'Python', 'Python312'));
  makeWindowsVenv(join(scanned, 'healthy', '.venv'), baseExe);
  makeWindowsVenv(join(scanned, 'old-place', '.venv'), baseExe);
  renameSync(join(scanned, 'old-place'), join(scanned, 'moved'));
  cpSync(join(scanned, 'healthy', '.venv'), join(scanned, 'copied', '.venv'), { recursive: true });
  const uninstalled = join(work, 'Python', 'Uninstalled');
  makeWindowsVenv(join(scanned, 'base-gone', '.venv'), makeBase(uninstalled));
  rmSync(uninstalled, { recursive: true });

  const r = run(['scan', '--json', winPath(scanned)]);
  assert.ok(r.stdout.trim(), `scan --json printed nothing (exit ${r.status}): ${r.stderr}`);
  scan = { status: r.status, doc: JSON.parse(r.stdout), stderr: r.stderr };
  figure(`scan of ${scan.doc.environments.length} Windows venvs under Wine: ${r.ms.toFixed(0)} ms (Wine's start included)`);
});

after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

/** The scanned venv NAME\.venv (Windows compares paths without case). */
function environment(name) {
  const path = winPath(join(scanned, name, '.venv'));
  const env = scan.doc.environments.find((e) => e.path.toLowerCase() === path.toLowerCase());
  assert.ok(env, `${path} not found by scan: ${JSON.stringify(scan.doc.environments.map((e) => e.path))} ${scan.stderr}`);
  return env;
}

const codes = (env) => env.findings.map((f) => f.code);

test('scan exits 1: a broken venv is in the set', () => {
  assert.equal(scan.status, 1, scan.stderr);
  assert.deepEqual(scan.doc.skipped, []);
});

test('the healthy Windows venv on a python.org-style base is ok, its home and version read', () => {
  const env = environment('healthy');
  assert.equal(env.kind, 'windows-venv');
  const cfg = readFileSync(join(scanned, 'healthy', '.venv', 'pyvenv.cfg'), 'utf8');
  assert.equal(env.version, cfg.match(/^version = (.+?)\r?$/m)[1]);
  assert.equal(env.home.toLowerCase(), winPath(join(work, 'Python', 'Python312')).toLowerCase());
  assert.deepEqual(codes(env), []);
  assert.equal(env.health, 'ok');
});

test('the moved Windows venv is moved, from its old place, with relocate suggested', () => {
  const env = environment('moved');
  const moved = env.findings.find((f) => f.code === 'moved');
  assert.ok(moved, JSON.stringify(env.findings));
  assert.ok(moved.message.toLowerCase().includes(winPath(join(scanned, 'old-place', '.venv')).toLowerCase()), moved.message);
  assert.ok(env.suggestions.some((s) => s.action === 'relocate'), JSON.stringify(env.suggestions));
  assert.equal(env.health, 'broken');
});

test('the copy of a Windows venv whose original is still there is copied; the original stays ok', () => {
  const env = environment('copied');
  assert.ok(codes(env).includes('copied'), JSON.stringify(env.findings));
  assert.equal(env.health, 'broken');
  assert.deepEqual(codes(environment('healthy')), []);
});

test('the Windows venv whose base install was removed is base-missing', () => {
  const env = environment('base-gone');
  assert.ok(codes(env).includes('base-missing'), JSON.stringify(env.findings));
  assert.equal(env.health, 'broken');
});
