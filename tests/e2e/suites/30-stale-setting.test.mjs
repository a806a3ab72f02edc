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
      const editor = await wb.openFileByQuickOpen('.vscode/settings.json');
      await wb.squiggle(editor).waitFor({ state: 'attached', timeout: 60000 });
      await wb.screenshot('diagnostic');
      await wb.applyQuickFix(editor, /Re-point/,
        () => readSettingsFile(settingsFile)['python.defaultInterpreterPath'] === expected);
      const value = await waitFor('settings.json on disk to name the venv at its new place', () => {
        const setting = readSettingsFile(settingsFile)['python.defaultInterpreterPath'];
        return setting === expected ? setting : undefined;
      }, { timeoutMs: 15000 });
      assert.equal(value, expected);
      await waitFor('the diagnostic to go away', async () => (await wb.squiggle(editor).count()) === 0,
        { timeoutMs: 30000 });
      await wb.screenshot('re-pointed');
    });
  });
});
