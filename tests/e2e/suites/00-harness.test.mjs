// Proves the harness with the throwaway fixture extension, independently of Venv Doctor: install from a VSIX into
// a fresh profile, status bar, palette command, notification button, and mocha inside the extension host
// (including that a failing host test is reported as a failure).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURE_VSIX, FIXTURES, HOST_TESTS } from '../lib/paths.mjs';
import { runHostTests } from '../lib/host-tests.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { driveUntil } from '../lib/workbench.mjs';

const FIXTURE_ID = 'venvdoctor-test.e2e-fixture';

describe('harness (fixture extension)', () => {
  it('drives status bar, palette, notifications, picker, modal dialog, progress and quick fix', async (t) => {
    assert.ok(FIXTURE_VSIX, 'VENV_DOCTOR_E2E_FIXTURE_VSIX is not set (run through tests/e2e/run.sh)');
    const folder = scratchDir('fixture-workspace');
    fs.mkdirSync(path.join(folder, '.vscode'));
    const settingsFile = path.join(folder, '.vscode/settings.json');
    fs.writeFileSync(settingsFile, '{\n    "fixture.path": "stale-value"\n}\n');
    await withVSCode({ scenario: 'harness', folder, vsix: [FIXTURE_VSIX] }, async (wb) => {
      const status = wb.statusItem(FIXTURE_ID, 'e2eFixture.status');
      await t.test('status item from the installed VSIX', async () => {
        await wb.waitForStatusText(status, /fixture ready/);
        await wb.screenshot('status-item');
      });

      await t.test('palette command, notification and its button', async () => {
        await wb.runCommand('E2E Fixture: Say Hello');
        const toast = await wb.waitForNotification(/Hello from the e2e fixture/);
        await wb.screenshot('notification');
        await wb.clickNotificationButton(toast, 'Mark done');
        await wb.waitForStatusText(status, /fixture done/);
        await wb.screenshot('after-button');
      });

      await t.test('picker, modal dialog and progress notification', async () => {
        await wb.runCommand('E2E Fixture: Repair Something');
        await driveUntil(wb, 'the "Repaired with Base B" notification', async () =>
          (await wb.notificationTexts()).find((text) => /Repaired with Base B/.test(text)), { pick: [/Base B/] });
        await wb.screenshot('repaired');
        const seen = await wb.seenNotifications();
        assert.ok(seen.some((n) => n.progress && /E2E Fixture: repairing/.test(n.text)),
          `the progress notification was not seen: ${JSON.stringify(seen)}`);
        await wb.waitForStatusText(status, /repaired with Base B/);
      });

      await t.test('diagnostic on .vscode/settings.json and its quick fix', async () => {
        const editor = await wb.openFileByQuickOpen('.vscode/settings.json');
        await wb.squiggle(editor).waitFor({ state: 'attached', timeout: 30000 });
        await wb.screenshot('diagnostic');
        await wb.applyQuickFix(editor, /Re-point to fresh-value/,
          () => /"fixture\.path": "fresh-value"/.test(fs.readFileSync(settingsFile, 'utf8')));
        await wb.screenshot('quick-fixed');
      });
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
