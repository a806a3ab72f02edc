// Scenario 3: the project folder was renamed, so .vscode/settings.json names an interpreter that no longer exists.
// The diagnostic appears on the setting and its quick fix re-points it to the venv's new place.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { missingCapability, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { readSettingsFile } from '../lib/venv-doctor.mjs';
import { waitFor } from '../lib/wait.mjs';

describe('scenario 3: interpreter setting left behind by a renamed project', () => {
  it('shows a diagnostic whose quick fix re-points the setting', async (t) => {
    const skip = await missingCapability({ discovers: ['environments', 'settings'] });
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const parent = scratchDir('stale-setting');
    const oldProject = path.join(parent, 'project-old');
    const newProject = path.join(parent, 'project-new');
    makeVenv(python, path.join(oldProject, '.venv'));
    fs.mkdirSync(path.join(oldProject, '.vscode'));
    const stale = path.join(oldProject, '.venv/bin/python');
    fs.writeFileSync(path.join(oldProject, '.vscode/settings.json'),
      `{\n    "python.defaultInterpreterPath": ${JSON.stringify(stale)}\n}\n`);
    fs.renameSync(oldProject, newProject);
    const settingsFile = path.join(newProject, '.vscode/settings.json');
    const expected = path.join(newProject, '.venv/bin/python');

    await withVSCode({ scenario: 'scenario3-stale-setting', folder: newProject, vsix: [productVsix()] }, async (wb) => {
      const page = wb.page;
      // Open .vscode/settings.json through Quick Open, as a user would.
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill('.vscode/settings.json');
      await wb.quickPickRowLocator(/settings\.json/).first().waitFor({ state: 'visible', timeout: 15000 });
      await input.press('Enter');
      const editor = page.locator('.editor-instance .monaco-editor').first();
      await editor.waitFor({ state: 'visible', timeout: 15000 });

      const squiggle = editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first();
      await squiggle.waitFor({ state: 'attached', timeout: 60000 });
      await wb.screenshot('diagnostic');

      await squiggle.click({ force: true });
      await page.keyboard.press('Control+Period');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: /Re-point/ }).first();
      await fix.waitFor({ state: 'visible', timeout: 15000 });
      await wb.screenshot('quick-fix');
      await fix.click();

      // The quick fix edits the open document; saving writes it.
      await waitFor('the editor to show the re-pointed value', async () =>
        (await editor.innerText()).includes(path.basename(newProject)), { timeoutMs: 15000 });
      await page.keyboard.press('Control+S');
      const value = await waitFor('settings.json on disk to name the venv at its new place', () => {
        const setting = readSettingsFile(settingsFile)['python.defaultInterpreterPath'];
        return setting === expected ? setting : undefined;
      }, { timeoutMs: 15000 });
      assert.equal(value, expected);
      await waitFor('the diagnostic to go away', async () => !(await squiggle.isVisible().catch(() => false)),
        { timeoutMs: 30000 });
      await wb.screenshot('re-pointed');
    });
  });
});
