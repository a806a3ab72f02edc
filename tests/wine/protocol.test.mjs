// The win-x64 sidecar (self-contained single-file .exe) under Wine, over the protocol: the executable's header,
// then initialize and venv/list through the real vscode-jsonrpc client with Wine's stdio as the pipe and a workspace
// folder sent as VS Code on Windows sends it (file:///z%3A/...). Started by tests/wine/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSidecar, initialize, within } from '../interop/sidecar.mjs';
import { PE_MACHINE, PE_SUBSYSTEM, peHeader } from '../../scripts/package/pe-header.mjs';
import { figure, makeBase, makeWindowsVenv, sidecar, winFolderUri, winPath } from './harness.mjs';

let work;
let listed;   // the venv as venv/list gave it, under the folder VS Code named with a lower-case drive letter
before(() => { work = mkdtempSync(join(tmpdir(), 'wine-protocol-')); });
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('the build is a 64-bit console PE for x64', () => {
  const header = peHeader(sidecar.executable);
  assert.deepEqual(header, { pe: true, machine: PE_MACHINE.x64, pe32Plus: true, subsystem: PE_SUBSYSTEM.console });
});

test('initialize → venv/list → shutdown/exit through vscode-jsonrpc over Wine\'s stdio', { timeout: 300_000 }, async (t) => {
  const folder = join(work, 'listed');
  const venv = join(folder, '.venv');
  makeWindowsVenv(venv, makeBase(join(work, 'Python312')));
  const started = performance.now();
  const { conn, exited, stderr } = startSidecar(t, { testMethods: false, executable: sidecar.executable, launcher: sidecar.launcher, env: sidecar.env });
  const init = await within(120_000, initialize(conn, { workspaceFolders: [{ uri: winFolderUri(folder), name: 'listed' }] }), 'initialize');
  figure(`spawn under Wine → initialize answered: ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(init.serverInfo.name, 'venv-sidecar');
  const list = await within(120_000, conn.sendRequest('venv/list', {}), 'venv/list');
  const env = list.environments.find((e) => e.path.toLowerCase() === winPath(venv).toLowerCase());
  assert.ok(env, `${winFolderUri(folder)}: venv/list found ${JSON.stringify(list.environments.map((e) => e.path))} ${stderr()}`);
  assert.equal(env.kind, 'windows-venv');
  assert.equal(env.interpreter.toLowerCase(), `${winPath(venv)}\\Scripts\\python.exe`.toLowerCase());
  listed = env;
  assert.equal(await within(30_000, conn.sendRequest('shutdown'), 'shutdown'), null);
  await conn.sendNotification('exit');
  assert.equal(await within(60_000, exited, 'exit'), 0);
});

test('the venv listed under VS Code\'s lower-case drive letter (z:) is not a copy of itself: Windows paths ignore case', () => {
  assert.ok(listed, 'venv/list gave no venv (the test above failed)');
  assert.deepEqual(listed.findings.map((f) => f.code), [], JSON.stringify(listed.findings));
  assert.equal(listed.health, 'ok');
});
