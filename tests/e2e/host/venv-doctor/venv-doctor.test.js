// API-level behaviour inside VS Code's real extension host, with the packaged extension and its bundled sidecar:
// it activates, every contributed command is registered, and it reports the fixture workspace's environments.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const ID = process.env.VENV_DOCTOR_E2E_EXTENSION_ID;
const WORKSPACE = process.env.VENV_DOCTOR_E2E_WORKSPACE;
const EXPECTED_VENV = path.join(WORKSPACE ?? '', '.venv');

function skipWith(test, reason) {
  test.test.skipReason = reason;
  test.skip();
}

async function poll(what, probe, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try { last = await probe(); if (last) return last; } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** Paths of environments in whatever a command or API returned ({ environments }, an array, a store). */
function environmentPaths(value) {
  const list = Array.isArray(value) ? value : value?.environments;
  return Array.isArray(list) ? list.map((e) => (typeof e === 'string' ? e : e.path ?? e.uri?.fsPath)).filter(Boolean) : [];
}

describe('Venv Doctor in the extension host', function () {
  this.timeout(120000);

  it('activates', async () => {
    assert.ok(ID, 'VENV_DOCTOR_E2E_EXTENSION_ID is not set');
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, `${ID} is not loaded`);
    await ext.activate();
    assert.ok(ext.isActive);
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(ID);
    await ext.activate();
    const contributed = (ext.packageJSON.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'no contributed commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but not registered');
  });

  it('returns the environments of the fixture workspace', async function () {
    const ext = vscode.extensions.getExtension(ID);
    const api = await ext.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    // The exported API first, then a command that returns the environments.
    const apiCall = api && ['getEnvironments', 'environments', 'listEnvironments', 'list']
      .map((name) => api[name]).find((f) => typeof f === 'function');
    const command = ['venvDoctor.getEnvironments', 'venvDoctor.listEnvironments', 'venvDoctor.scanWorkspace']
      .find((c) => registered.has(c));
    if (!apiCall && !command) {
      return skipWith(this, 'the extension exports no environments API and registers no command that returns them');
    }
    const result = await poll(`${apiCall ? 'the API' : command} to list ${EXPECTED_VENV}`, async () => {
      const value = apiCall ? await apiCall.call(api) : await vscode.commands.executeCommand(command);
      if (value === undefined && !apiCall) return { noResult: true };
      return environmentPaths(value).includes(EXPECTED_VENV) ? value : undefined;
    });
    if (result.noResult) {
      return skipWith(this, `${command} returns nothing (no environments API to assert on)`);
    }
    const env = (Array.isArray(result) ? result : result.environments).find((e) => (e.path ?? e) === EXPECTED_VENV);
    if (typeof env === 'object') {
      assert.equal(env.health, 'ok', JSON.stringify(env));
      assert.match(env.version ?? '', /^3\.\d+\.\d+/);
    }
  });
});
