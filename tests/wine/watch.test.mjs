// `watch` by the win-x64 sidecar under Wine (FileSystemWatcher: ReadDirectoryChangesW, which Wine serves from
// inotify): a Windows venv renamed in the watched folder is exactly one `moved` event. Started by tests/wine/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { within } from '../interop/sidecar.mjs';
import { figure, makeBase, makeWindowsVenv, start, winPath } from './harness.mjs';

let work;
before(() => { work = mkdtempSync(join(tmpdir(), 'wine-watch-')); });
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('watch reports a renamed Windows venv as exactly one moved event', { timeout: 300_000 }, async (t) => {
  const root = join(work, 'watched');
  const baseExe = makeBase(join(work, 'Python312'));
  makeWindowsVenv(join(root, 'before', '.venv'), baseExe);
  makeWindowsVenv(join(root, 'second', '.venv'), baseExe);
  const proc = start(['watch', winPath(root), '--json']);
  t.after(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); });
  const lines = [];
  const waiters = [];
  let buffer = '';
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  proc.stdout.on('data', (d) => {
    buffer += d;
    const parts = buffer.split('\n');
    buffer = parts.pop();
    lines.push(...parts.map((l) => l.trim()).filter(Boolean).map((l) => JSON.parse(l)));
    for (const w of waiters) { const line = lines.find(w.predicate); if (line) w.resolve(line); }
  });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const seen = (predicate) => new Promise((resolve, reject) => {
    const line = lines.find(predicate);
    if (line) resolve(line); else waiters.push({ predicate, resolve });
    exited.then((code) => reject(new Error(`watch exited ${code}: ${stderr}`)));
  });
  await within(120_000, seen((l) => l.event === 'ready'), 'watch ready');
  const moved = seen((l) => l.event === 'moved');
  const renamedAt = performance.now();
  renameSync(join(root, 'before'), join(root, 'after'));
  const line = await within(60_000, moved, 'a moved line after the rename');
  figure(`watch under Wine: rename → moved line ${(performance.now() - renamedAt).toFixed(0)} ms`);
  assert.equal(line.from.toLowerCase(), winPath(join(root, 'before', '.venv')).toLowerCase());
  assert.equal(line.to.toLowerCase(), winPath(join(root, 'after', '.venv')).toLowerCase());
  // A barrier: a second venv renamed after the first; once its moved line is in, so is all the first rename gave.
  const barrier = seen((l) => l.event === 'moved' && l.to.toLowerCase().endsWith('\\second-after\\.venv'));
  renameSync(join(root, 'second'), join(root, 'second-after'));
  await within(60_000, barrier, 'the moved line of the second rename');
  proc.kill('SIGTERM');
  await within(30_000, exited, 'watch exit');
  const first = lines.filter((l) => l.event === 'moved' && l.from.toLowerCase() === line.from.toLowerCase());
  assert.equal(first.length, 1, JSON.stringify(lines));
  assert.deepEqual(lines.filter((l) => l.event === 'removed' || l.event === 'added'), [], 'a rename is not removed + added');
});
