// Extension-host tests for Venv Doctor: mocha inside VS Code's real extension host (tests/e2e/host/venv-doctor),
// with the extension loaded from the unpacked VSIX, so its bundled sidecar serves — still without .NET on PATH.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HOST_TESTS } from '../lib/paths.mjs';
import { runHostTests } from '../lib/host-tests.mjs';
import { extensionId, missingCapability, unpackedExtension } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir } from '../lib/scenario.mjs';

describe('extension host (Venv Doctor)', () => {
  it('activates, registers its commands and lists the workspace environments', async (t) => {
    const skip = await missingCapability();
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('host-venv-doctor');
    makeVenv(python, path.join(folder, '.venv'));
    const run = await runHostTests({
      name: 'venv-doctor', folder,
      extensionDevelopmentPath: unpackedExtension(),
      testsPath: path.join(HOST_TESTS, 'venv-doctor/index.js'),
      env: { VENV_DOCTOR_E2E_EXTENSION_ID: extensionId() },
    });
    assert.ok(run.results.length > 0, `no host test results (exit ${run.exitCode}):\n${run.output.join('\n')}`);
    for (const result of run.results) {
      await t.test(`host: ${result.title}`, (st) => {
        if (result.state === 'skipped') return st.skip(result.reason);
        assert.equal(result.state, 'passed', result.error);
      });
    }
    assert.equal(run.exitCode, 0, run.output.join('\n'));
  });
});
