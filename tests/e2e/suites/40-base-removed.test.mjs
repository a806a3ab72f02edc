// Scenario 4: the venv's base interpreter is removed while VS Code is open (a private copy of a pyenv install made
// for the test, then deleted). The status bar turns broken, and [Recreate] rebuilds the venv on another base, with
// a progress notification.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { commandTitle, missingCapability, productVsix } from '../lib/product.mjs';
import { copyPyenvInstall, findPython, findPythons, makeVenv, readPyvenvCfg } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { driveUntil, escapeRegExp, waitForStatus } from '../lib/venv-doctor.mjs';

describe('scenario 4: base interpreter removed while open', () => {
  it('turns the status bar broken, and [Recreate] with another base works, with progress', async (t) => {
    const skip = await missingCapability({
      commands: ['venvDoctor.recreateEnvironment'],
      discovers: ['environments'],
      sidecarMethods: ['venv/planRepair', 'venv/applyRepair'],
      repairActions: ['recreate'],
    });
    if (skip) return t.skip(skip);
    const original = findPython((p) => p.source === 'pyenv');
    if (!original) return t.skip('no pyenv-built Python 3.8+ on this machine to copy as a removable base');
    const others = findPythons().filter((p) => p.executable !== original.executable && /^3\./.test(p.version));
    if (others.length === 0) return t.skip('no second Python 3 on this machine to recreate the venv with');

    const scratch = scratchDir('base-removed');
    const folder = path.join(scratch, 'project');
    const base = copyPyenvInstall(original, path.join(scratch, 'base-copy'));
    const venv = path.join(folder, '.venv');
    makeVenv(base, venv);
    assert.equal(readPyvenvCfg(venv).home, path.join(base.prefix, 'bin'));

    await withVSCode({ scenario: 'scenario4-base-removed', folder, vsix: [productVsix()] }, async (wb) => {
      await waitForStatus(wb, new RegExp(escapeRegExp(`.venv (${original.version})`)), ['pass']);
      await wb.screenshot('healthy');

      fs.rmSync(base.prefix, { recursive: true, force: true });
      const broken = await waitForStatus(wb, /\.venv/, ['error'], 60000);
      t.diagnostic(`status after removing the base: ${broken}`);
      await wb.screenshot('broken');

      // The "selected interpreter is broken" notification offers the top repair first: [Recreate] when no
      // same-minor Python is left to relink to, else [Relink to Python X.Y.Z]; the palette command recreates either way.
      const toast = await wb.waitForNotification(/is broken/, 20000).catch(() => undefined);
      if (toast && (await toast.locator('.monaco-button', { hasText: 'Recreate' }).count()) > 0) {
        await wb.screenshot('broken-notification');
        await wb.clickNotificationButton(toast, 'Recreate');
      } else {
        if (toast) await wb.screenshot('broken-notification');
        await wb.runCommand(commandTitle('venvDoctor.recreateEnvironment'));
      }
      const otherVersions = others.map((p) => new RegExp(escapeRegExp(p.version)));
      await driveUntil(wb, 'the "Repaired" notification after Recreate', async () =>
        (await wb.notificationTexts()).find((text) => /Repaired/.test(text)),
      { pick: [/\.venv/, ...otherVersions, /Recreate/], timeoutMs: 300000 });
      await wb.screenshot('recreated');

      const progress = (await wb.seenNotifications()).filter((n) => n.progress && /Venv Doctor/.test(n.text));
      assert.ok(progress.length > 0, `no progress notification was shown: ${JSON.stringify(await wb.seenNotifications())}`);
      t.diagnostic(`progress shown: ${progress.map((n) => n.text.split('\n').find((l) => /Venv Doctor:/.test(l)) ?? n.text).join(' | ')}`);

      const home = readPyvenvCfg(venv).home;
      assert.notEqual(home, path.join(base.prefix, 'bin'), 'pyvenv.cfg still names the removed base');
      const version = execFileSync(path.join(venv, 'bin/python'), ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'],
        { encoding: 'utf8', timeout: 30000 }).trim();
      t.diagnostic(`recreated on ${home} (Python ${version})`);
      await waitForStatus(wb, new RegExp(escapeRegExp(`.venv (${version})`)), ['pass'], 60000);
      await wb.screenshot('healthy-again');
    });
  });
});
