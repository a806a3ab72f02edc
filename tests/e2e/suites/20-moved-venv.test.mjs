// Scenario 2: the venv's folder is renamed while VS Code is open. A "moved" notification appears within seconds;
// [Repair in place] fixes it so that the venv's own pip runs from the new place (run 1), and [Use as interpreter]
// points the interpreter setting and the status bar at the new place (run 2).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { missingCapability, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { driveUntil, escapeRegExp, readSettingsFile, waitForStatus } from '../lib/venv-doctor.mjs';

const MOVED_WITHIN_MS = 20000;
const NEEDS = {
  discovers: ['environments'], sidecarMethods: ['venv/planRepair', 'venv/applyRepair'], sidecarVerbs: ['watch'], repairActions: ['relocate'],
};

/** A workspace with .venv (with pip), VS Code open on it showing it healthy; then the folder is renamed. */
async function openThenRename(t, scenario, body) {
  const skip = await missingCapability(NEEDS);
  if (skip) return t.skip(skip);
  const python = findPython((p) => p.hasVenvWithPip);
  if (!python) return t.skip('no Python 3.8+ with venv and ensurepip on this machine');
  const folder = scratchDir(scenario);
  const before = path.join(folder, '.venv');
  const after = path.join(folder, 'renamed-env');
  makeVenv(python, before, { withPip: true });

  return withVSCode({ scenario, folder, vsix: [productVsix()] }, async (wb, server) => {
    await waitForStatus(wb, /\.venv/, ['pass']);
    await wb.screenshot('healthy');
    const renamedAt = Date.now();
    fs.renameSync(before, after);
    const toast = await wb.waitForNotification(/moved from/, MOVED_WITHIN_MS);
    t.diagnostic(`"moved" notification after ${Date.now() - renamedAt} ms`);
    await wb.screenshot('moved-notification');
    await body({ wb, server, toast, folder, before, after, python });
  });
}

describe('scenario 2: venv folder renamed while open', () => {
  it('[Repair in place] makes the venv work from its new place', async (t) => {
    await openThenRename(t, 'scenario2-repair-in-place', async ({ wb, toast, after }) => {
      await wb.clickNotificationButton(toast, 'Repair in place');
      await driveUntil(wb, 'the "Repaired" notification', async () =>
        (await wb.notificationTexts()).find((text) => /Repaired/.test(text)));
      await wb.screenshot('repaired');
      const pip = execFileSync(path.join(after, 'bin/pip'), ['--version'], { encoding: 'utf8', timeout: 60000 });
      assert.match(pip, new RegExp(escapeRegExp(after)), `pip does not run from the new place: ${pip}`);
      t.diagnostic(pip.trim());
      await waitForStatus(wb, /renamed-env|\.venv/, ['pass', 'warning'], 30000);
    });
  });

  it('[Use as interpreter] updates the interpreter setting and the status bar', async (t) => {
    await openThenRename(t, 'scenario2-use-as-interpreter', async ({ wb, toast, folder, after }) => {
      await wb.clickNotificationButton(toast, 'Use as interpreter');
      const settingsFile = path.join(folder, '.vscode/settings.json');
      const value = await driveUntil(wb, 'python.defaultInterpreterPath to name the new place', () => {
        const setting = readSettingsFile(settingsFile)['python.defaultInterpreterPath'];
        return setting && setting.startsWith(after + path.sep) ? setting : undefined;
      }, { timeoutMs: 30000 });
      t.diagnostic(`python.defaultInterpreterPath = ${value}`);
      await waitForStatus(wb, /renamed-env/, ['pass', 'warning', 'error'], 30000);
      await wb.screenshot('status-after-use');
    });
  });
});
