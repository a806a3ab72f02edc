// Scenario 8: the Environments view. A workspace whose venv was renamed before VS Code opened: the view lists it
// as broken with its "moved" finding as a child; the item's inline Repair… opens the one-line confirmation; Show
// Changes opens the multi-file diff editor with the activate script's old and new VIRTUAL_ENV; Apply repair leaves
// the venv healthy and the item's icon turns to `pass`. Then the report renders, in plain text and codicons only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { commandTitle, missingCapability, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { executableOf } from '../lib/processes.mjs';
import { escapeRegExp } from '../lib/venv-doctor.mjs';
import { waitFor } from '../lib/wait.mjs';

const VIEW_TITLE = /Python Environments Health/i;
const NEEDS = {
  commands: ['venvDoctor.showReport'], discovers: ['environments'],
  sidecarMethods: ['venv/planRepair', 'venv/applyRepair'], repairActions: ['relocate'],
};
/** Characters a headless Chromium without a colour-emoji font draws as empty boxes. */
const EMOJI = /[\u{1F000}-\u{1FFFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}]/u;

describe('scenario 8: the Environments view', () => {
  it('lists a broken venv with its finding, previews the repair as a diff, applies it, and renders the report', async (t) => {
    const skip = await missingCapability(NEEDS);
    if (skip) return t.skip(skip);
    if (!commandTitle('venvDoctor.copyReportMarkdown')) return t.skip('this extension has no Environments view yet');
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('environments-view');
    const before = path.join(folder, '.venv');
    const after = path.join(folder, 'renamed-env');
    makeVenv(python, before);
    fs.renameSync(before, after);
    const activate = path.join(after, 'bin', 'activate');
    assert.match(fs.readFileSync(activate, 'utf8'), new RegExp(escapeRegExp(before)), 'the activate script should name the old place');

    await withVSCode({ scenario: 'scenario8-environments-view', folder, vsix: [productVsix()] }, async (wb) => {
      // The view sits in the Explorer, collapsed like Outline and Timeline until opened.
      const pane = wb.viewPane(VIEW_TITLE);
      await wb.expandViewPane(pane);
      await wb.widenSideBar(560);
      // The file tree gives the view its room (what a user looking at the view would do).
      await wb.viewPane(path.basename(folder)).locator('.pane-header').first().click();
      const row = wb.treeRow(pane, 'renamed-env');

      await t.test('the view lists the broken venv with its finding as a child', async () => {
        await row.waitFor({ state: 'visible', timeout: 60000 });
        await waitFor('the item to show the error icon', async () => (await wb.codicons(row)).includes('error'), { timeoutMs: 30000 });
        assert.match(await row.innerText(), new RegExp(escapeRegExp(python.version.split('.').slice(0, 2).join('.'))));
        await row.click(); // expands it
        const finding = wb.treeRow(pane, /moved from/);
        await finding.waitFor({ state: 'visible', timeout: 15000 });
        assert.ok((await wb.codicons(finding)).includes('error'), 'the finding row shows its severity icon');
        await wb.treeRow(pane, /Update the paths recorded/).waitFor({ state: 'visible', timeout: 15000 });
        await wb.screenshot('view');
      });

      await t.test('its inline Repair… asks in one line', async () => {
        await wb.clickInlineAction(row, 'Repair…');
        const dialog = wb.dialog();
        await dialog.waitFor({ state: 'visible', timeout: 30000 });
        const text = await dialog.innerText();
        assert.match(text, /Relocate `?renamed-env`? to its new place: \d+ files? rewritten.*nothing else touched/, text);
        for (const button of ['Apply repair', 'Show Changes', 'Cancel']) {
          assert.ok(await dialog.locator('.monaco-button', { hasText: button }).first().isVisible(), `no ${button} button in: ${text}`);
        }
        await wb.screenshot('confirmation');
      });

      await t.test('Show Changes opens a diff with the old and new VIRTUAL_ENV', async () => {
        await wb.clickDialogButton('Show Changes');
        const diff = wb.multiDiffEditor();
        await diff.waitFor({ state: 'visible', timeout: 30000 });
        const shown = await waitFor('the activate script in the diff, both places', async () => {
          const text = (await diff.innerText()).replace(/\u00a0/g, ' ');
          return /VIRTUAL_ENV/.test(text) && text.includes(before) && text.includes(after) ? text : undefined;
        }, { timeoutMs: 30000 });
        assert.match(shown, /activate/);
        await wb.screenshot('diff');
      });

      await t.test('Apply repair from there leaves the venv healthy and the item turns to pass', async () => {
        const toast = await wb.waitForNotification(/Relocate `?renamed-env`?/, 15000);
        await wb.clickNotificationButton(toast, 'Apply repair');
        await waitFor('the item to turn to pass', async () => (await wb.codicons(row)).includes('pass'), { timeoutMs: 60000 });
        assert.match(fs.readFileSync(activate, 'utf8'), new RegExp(escapeRegExp(after)), 'activate names the new place');
        const out = execFileSync(path.join(after, 'bin', 'python'), ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
        assert.equal(out, after);
        await wb.screenshot('repaired');
      });

      await t.test('the report renders, with no emoji that would show as empty boxes', async () => {
        await wb.runCommand(commandTitle('venvDoctor.showReport'));
        const report = await waitFor('the rendered report', async () =>
          (await wb.frameTexts()).find((text) => /Venv Doctor report/.test(text) && text.includes('renamed-env')), { timeoutMs: 30000 });
        assert.doesNotMatch(report, /^#/m, 'the report is rendered, not Markdown source');
        assert.doesNotMatch(report, EMOJI);
        assert.match(report, /renamed-env — OK/);
        await wb.screenshot('report');
      });
    });
  });

  it('shows welcome content when the workspace has no environment, and when the sidecar is not running', async (t) => {
    const skip = await missingCapability({ commands: ['venvDoctor.copyReportMarkdown'], discovers: ['environments'] });
    if (skip) return t.skip(skip);
    const empty = scratchDir('environments-view-empty');
    fs.writeFileSync(path.join(empty, 'main.py'), 'print("hello")\n');

    await withVSCode({ scenario: 'scenario8-welcome', folder: empty, vsix: [productVsix()] }, async (wb, server) => {
      const pane = wb.viewPane(VIEW_TITLE);
      await wb.expandViewPane(pane);
      await expectWelcome(wb, pane, 'No Python environment in this workspace yet', ['Scan Workspace', 'Select Interpreter']);
      // A sidecar that keeps crashing: after the bounded restarts (3 in 3 minutes) the session gives up, and the
      // view says so, offering Restart Sidecar and Show Log.
      await waitFor('the view to show that the sidecar is not running', async () => {
        if (await pane.locator('.welcome-view-content', { hasText: 'sidecar is not running' }).isVisible()) return true;
        const sidecar = server.descendants().find((pid) => /venv-sidecar$/.test(executableOf(pid) ?? ''));
        if (sidecar) process.kill(sidecar, 'SIGKILL');
        return false;
      }, { timeoutMs: 90000, intervalMs: 250 });
      await expectWelcome(wb, pane, 'sidecar is not running', ['Restart Sidecar', 'Show Log']);
    });
  });
});

/** Waits for the view's welcome content showing `text` with `buttons`. */
async function expectWelcome(wb, pane, text, buttons) {
  const welcome = pane.locator('.welcome-view-content', { hasText: text });
  await welcome.waitFor({ state: 'visible', timeout: 60000 });
  for (const button of buttons) {
    assert.ok(await welcome.locator('.monaco-button', { hasText: button }).first().isVisible(), `no ${button} button`);
  }
  await wb.screenshot('welcome');
}
