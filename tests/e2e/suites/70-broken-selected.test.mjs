// Scenario 7: VS Code opens on a folder whose interpreter is already broken in a way other than a removed base:
// a copy of a venv whose scripts still run the original, and a venv moved while VS Code was closed. One error
// notification says what is wrong and offers the top repair as its first button, then [Choose another], then
// [Details]; the first button's repair leaves the environment healthy.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { missingCapability, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { driveUntil, waitForStatus } from '../lib/venv-doctor.mjs';

/** Opens `folder`, waits for the broken status and the notification; checks its buttons; clicks the first. */
async function announcedAndRepaired(t, { scenario, folder, venv, firstButton, repairedWhen }) {
  await withVSCode({ scenario, folder, vsix: [productVsix()] }, async (wb) => {
    await waitForStatus(wb, /\.venv/, ['error'], 60000);
    const toast = await wb.waitForNotification(/The selected interpreter `\.venv` is broken/, 30000);
    await wb.screenshot('broken-notification');
    await toast.hover();
    const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((b) => b.trim()).filter(Boolean);
    t.diagnostic(`notification: ${(await toast.innerText()).split('\n').find((l) => /is broken/.test(l))} | buttons: ${buttons.join(', ')}`);
    assert.deepEqual(buttons, [firstButton, 'Choose another', 'Details']);

    await wb.clickNotificationButton(toast, firstButton);
    await driveUntil(wb, 'the "Repaired" notification', async () =>
      (await wb.notificationTexts()).find((text) => /Repaired `\.venv`: it is now ok/.test(text)), { timeoutMs: 120000 });
    await wb.screenshot('repaired');
    await waitForStatus(wb, /\.venv/, ['pass'], 60000);
    repairedWhen(venv);
  });
}

describe('scenario 7: the selected interpreter is broken when VS Code opens', () => {
  const NEEDS = { discovers: ['environments'], sidecarMethods: ['venv/planRepair', 'venv/applyRepair'] };

  it('a copy that runs the original: [Make independent] makes it run itself', async (t) => {
    const skip = await missingCapability({ ...NEEDS, repairActions: ['make-independent'] });
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ with the venv module on this machine');
    const scratch = scratchDir('broken-copy');
    const original = makeVenv(python, path.join(scratch, 'original', '.venv'));
    const folder = path.join(scratch, 'project');
    const venv = path.join(folder, '.venv');
    fs.cpSync(original, venv, { recursive: true, verbatimSymlinks: true });
    const originalActivate = fs.readFileSync(path.join(original, 'bin/activate'), 'utf8');
    assert.match(fs.readFileSync(path.join(venv, 'bin/activate'), 'utf8'), new RegExp(original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    await announcedAndRepaired(t, {
      scenario: 'scenario7-copy', folder, venv, firstButton: 'Make independent',
      repairedWhen: (v) => {
        const activate = fs.readFileSync(path.join(v, 'bin/activate'), 'utf8');
        assert.ok(activate.includes(v) && !activate.includes(original), `the copy's activate still names the original:\n${activate}`);
        assert.equal(fs.readFileSync(path.join(original, 'bin/activate'), 'utf8'), originalActivate, 'the original was written');
      },
    });
  });

  it('a venv moved while VS Code was closed: [Repair in place] rewrites it for its new place', async (t) => {
    const skip = await missingCapability({ ...NEEDS, repairActions: ['relocate'] });
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ with the venv module on this machine');
    const folder = scratchDir('broken-moved');
    const before = makeVenv(python, path.join(folder, 'old-env'));
    const venv = path.join(folder, '.venv');
    fs.renameSync(before, venv);

    await announcedAndRepaired(t, {
      scenario: 'scenario7-moved-while-closed', folder, venv, firstButton: 'Repair in place',
      repairedWhen: (v) => {
        const activate = fs.readFileSync(path.join(v, 'bin/activate'), 'utf8');
        assert.ok(activate.includes(v) && !activate.includes(before), `activate still names ${before}:\n${activate}`);
      },
    });
  });
});
