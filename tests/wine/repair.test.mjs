// `repair --action relocate` of a moved Windows venv and `repair --action make-independent` of a copied one by the
// win-x64 sidecar under Wine, each then `undo`, byte for byte (every file hashed before and after). Started by tests/wine/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashTree, makeBase, makeWindowsVenv, run, winPath } from './harness.mjs';

let work;
before(() => { work = mkdtempSync(join(tmpdir(), 'wine-repair-')); });
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

/** The bytes before a launcher's #! line (its stub), the line, and the bytes after it (its zip). */
function launcherParts(bytes) {
  const at = bytes.lastIndexOf('#!');
  const end = bytes.indexOf('\n', at) + 1;
  return { stub: bytes.subarray(0, at), shebang: bytes.toString('latin1', at, end).trim(), zip: bytes.subarray(end) };
}

test('repair --action relocate of a moved Windows venv, then undo restores every file byte for byte', { timeout: 300_000 }, () => {
  const venv = join(work, 'relocate', 'new', '.venv');
  makeWindowsVenv(join(work, 'relocate', 'old', '.venv'), makeBase(join(work, 'Python312')));
  mkdirSync(join(work, 'relocate', 'new'));
  renameSync(join(work, 'relocate', 'old', '.venv'), venv);
  const broken = hashTree(venv);
  const pipBefore = readFileSync(join(venv, 'Scripts', 'pip.exe'));

  const repaired = run(['repair', winPath(venv), '--action', 'relocate', '--json']);
  assert.equal(repaired.status, 0, repaired.stdout + repaired.stderr);
  assert.equal(JSON.parse(repaired.stdout).diagnosis.health, 'ok', repaired.stdout);
  // The launcher names the new place; its stub before the #! line and its zip after it are the same bytes.
  const pip = launcherParts(readFileSync(join(venv, 'Scripts', 'pip.exe')));
  const old = launcherParts(pipBefore);
  assert.equal(pip.shebang.toLowerCase(), `#!${winPath(venv)}\\Scripts\\python.exe`.toLowerCase());
  assert.ok(pip.stub.equals(old.stub), 'the launcher stub changed');
  assert.ok(pip.zip.equals(old.zip), 'the launcher zip changed');
  assert.ok(readFileSync(join(venv, 'Scripts', 'activate'), 'utf8').includes(winPath(venv)), 'activate still names the old place');
  assert.notDeepEqual(hashTree(venv), broken);

  const undone = run(['undo', winPath(venv), '--json']);
  assert.equal(undone.status, 0, undone.stdout + undone.stderr);
  const result = JSON.parse(undone.stdout);
  assert.equal(result.restored, true);
  assert.equal(result.diagnosis.health, 'broken', 'undone, the venv is the moved one again');
  assert.deepEqual(hashTree(venv), broken, 'undo restores every file byte for byte');
});


test('repair --action make-independent of a copied Windows venv, then undo restores every file byte for byte', { timeout: 300_000 }, () => {
  const original = join(work, 'copy', 'original', '.venv');
  const copy = join(work, 'copy', 'copied', '.venv');
  makeWindowsVenv(original, makeBase(join(work, 'Python312-copy')));
  cpSync(original, copy, { recursive: true });
  const codes = () => {
    const r = run(['scan', '--json', winPath(join(work, 'copy'))]);
    const env = JSON.parse(r.stdout).environments.find((e) => e.path.toLowerCase() === winPath(copy).toLowerCase());
    assert.ok(env, r.stdout + r.stderr);
    return env.findings.map((f) => f.code);
  };
  assert.ok(codes().includes('copied'));
  const copied = hashTree(copy);
  const originalBytes = hashTree(original);

  const repaired = run(['repair', winPath(copy), '--action', 'make-independent', '--json']);
  assert.equal(repaired.status, 0, repaired.stdout + repaired.stderr);
  assert.equal(JSON.parse(repaired.stdout).diagnosis.health, 'ok', repaired.stdout);
  assert.ok(!codes().includes('copied'), 'a fresh scan still finds the copy copied');
  const pip = launcherParts(readFileSync(join(copy, 'Scripts', 'pip.exe')));
  assert.equal(pip.shebang.toLowerCase(), `#!${winPath(copy)}\\Scripts\\python.exe`.toLowerCase());
  assert.deepEqual(hashTree(original), originalBytes, 'the original was changed');

  const undone = run(['undo', winPath(copy), '--json']);
  assert.equal(undone.status, 0, undone.stdout + undone.stderr);
  assert.equal(JSON.parse(undone.stdout).restored, true);
  assert.deepEqual(hashTree(copy), copied, 'undo restores every file byte for byte');
  assert.ok(codes().includes('copied'), 'undone, the copy is copied again');
});
