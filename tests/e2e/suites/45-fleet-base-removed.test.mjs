// Scenario 4b: a base with two venvs built on it is removed while VS Code is open (a private copy of a pyenv
// install, then deleted). One notification names both environments and offers [Relink all to Python X.Y.Z] (the real
// install of the same minor); clicking it relinks both, with progress, and says which were repaired.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { missingCapability, productVsix } from '../lib/product.mjs';
import { copyPyenvInstall, findPython, makeVenv, readPyvenvCfg } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { driveUntil, escapeRegExp, waitForStatus } from '../lib/venv-doctor.mjs';

describe('scenario 4b: a base with several venvs removed while open', () => {
  it('one notification names both venvs, and [Relink all] repairs them to the same minor', async (t) => {
    const skip = await missingCapability({
      commands: ['venvDoctor.showDependents'],
      discovers: ['environments'],
      sidecarMethods: ['venv/applyRepair', 'venv/dependents'],
      repairActions: ['relink-base'],
    });
    if (skip) return t.skip(skip);
    const original = findPython((p) => p.source === 'pyenv');
    if (!original) return t.skip('no pyenv-built Python 3.8+ on this machine to copy as a removable base');

    const scratch = scratchDir('fleet-base-removed');
    const folder = path.join(scratch, 'project');
    const base = copyPyenvInstall(original, path.join(scratch, 'base-copy'));
    const venvs = ['api', 'web'].map((name) => path.join(folder, name, '.venv'));
    for (const venv of venvs) makeVenv(base, venv);
    const originalBin = path.dirname(original.executable);
    // The folder uses api's venv, so the status item says when the first scan (and the watch) is up.
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'python.defaultInterpreterPath': path.join(venvs[0], 'bin', 'python') }));

    await withVSCode({ scenario: 'scenario4b-fleet-base-removed', folder, vsix: [productVsix()] }, async (wb) => {
      await waitForStatus(wb, /\.venv/, ['pass']);
      await wb.screenshot('healthy');

      fs.rmSync(base.prefix, { recursive: true, force: true });
      const relinkAll = new RegExp(escapeRegExp(`Relink all to Python `));
      const toast = await wb.waitForNotification(/was removed: 2 environments built on it are broken/, 60000);
      const text = await toast.innerText();
      t.diagnostic(`notification: ${text.replace(/\s+/g, ' ')}`);
      assert.match(text, /api\/\.venv/);
      assert.match(text, /web\/\.venv/);
      assert.ok((await toast.locator('.monaco-button', { hasText: relinkAll }).count()) > 0, 'no [Relink all …] button');
      await wb.screenshot('fleet-notification');
      const button = await toast.locator('.monaco-button', { hasText: relinkAll }).first().innerText();
      await wb.clickNotificationButton(toast, button.trim());

      await driveUntil(wb, 'the summary after Relink all', async () =>
        (await wb.notificationTexts()).find((t) => /repaired 2 of 2 environments/.test(t)),
      { timeoutMs: 180000 });
      await wb.screenshot('fleet-relinked');
      const progress = (await wb.seenNotifications()).filter((n) => n.progress && /relinking to Python/.test(n.text));
      t.diagnostic(`progress shown: ${progress.length}`);

      for (const venv of venvs) {
        assert.equal(readPyvenvCfg(venv).home, originalBin, `${venv} is not relinked to ${originalBin}`);
        const prefix = execFileSync(path.join(venv, 'bin/python'), ['-c', 'import sys; print(sys.base_prefix)'], { encoding: 'utf8', timeout: 30000 }).trim();
        assert.equal(prefix, path.dirname(originalBin));
      }
    });
  });
});
