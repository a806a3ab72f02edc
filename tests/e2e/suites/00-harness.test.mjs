// Proves the harness with the throwaway fixture extension, independently of Venv Doctor: install from a VSIX into
// a fresh profile, status bar, palette command, notification button, and mocha inside the extension host
// (including that a failing host test is reported as a failure).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_VSIX, FIXTURES, HOST_TESTS } from '../lib/paths.mjs';
import { runHostTests } from '../lib/host-tests.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';

const FIXTURE_ID = 'venvdoctor-test.e2e-fixture';

describe('harness (fixture extension)', () => {
  it('shows a status item, runs a palette command and answers a notification', async () => {
    assert.ok(FIXTURE_VSIX, 'VENV_DOCTOR_E2E_FIXTURE_VSIX is not set (run through tests/e2e/run.sh)');
    const folder = scratchDir('fixture-workspace');
    await withVSCode({ scenario: 'harness', folder, vsix: [FIXTURE_VSIX] }, async (wb) => {
      const status = wb.statusItem(FIXTURE_ID, 'e2eFixture.status');
      await wb.waitForStatusText(status, /fixture ready/);
      await wb.screenshot('status-item');
      await wb.runCommand('E2E Fixture: Say Hello');
      const toast = await wb.waitForNotification(/Hello from the e2e fixture/);
      await wb.screenshot('notification');
      await wb.clickNotificationButton(toast, 'Mark done');
      await wb.waitForStatusText(status, /fixture done/);
      await wb.screenshot('after-button');
    });
  });

  it('runs mocha in the extension host and reports each test', async (t) => {
    const folder = scratchDir('fixture-host');
    const run = await runHostTests({
      name: 'fixture', folder,
      extensionDevelopmentPath: path.join(FIXTURES, 'hello-ext'),
      testsPath: path.join(HOST_TESTS, 'fixture/index.js'),
    });
    assert.ok(run.results.length >= 3, `expected host test results, got ${JSON.stringify(run)}`);
    for (const result of run.results) {
      await t.test(`host: ${result.title}`, (st) => {
        if (result.state === 'skipped') return st.skip(result.reason);
        assert.equal(result.state, 'passed', result.error);
      });
    }
    assert.equal(run.exitCode, 0, run.output.join('\n'));
  });

  it('reports a failing extension-host test as a failure', async () => {
    const folder = scratchDir('fixture-host-fail');
    const run = await runHostTests({
      name: 'fixture-fail', folder,
      extensionDevelopmentPath: path.join(FIXTURES, 'hello-ext'),
      testsPath: path.join(HOST_TESTS, 'fixture/index.js'),
      env: { VENV_DOCTOR_E2E_FIXTURE_FAIL: '1' },
    });
    assert.notEqual(run.exitCode, 0, 'a failing host test must make the host run exit non-zero');
    assert.ok(run.results.some((r) => r.state === 'failed' && /fails on purpose/.test(r.title)),
      JSON.stringify(run.results));
  });
});
