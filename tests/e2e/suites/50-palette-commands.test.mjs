// Scenario 5: every Venv Doctor command in the palette runs without an error. Each is run from the palette as a
// user would; whatever it opens (a picker, a dialog, a document, the log) is looked at and closed, and no error
// notification may appear — neither the extension's own nor VS Code's "command ... failed / not found".
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { missingCapability, paletteCommands, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { statusItem } from '../lib/venv-doctor.mjs';
import { waitFor } from '../lib/wait.mjs';

/** How long a command gets to show a reaction (picker, dialog, notification, editor) before we look for errors. */
const REACTION_MS = 3000;
const ERROR_TEXT = /failed|not found|error|could not|exception/i;

describe('scenario 5: palette commands', () => {
  it('every Venv Doctor palette command runs without error', async (t) => {
    const skip = await missingCapability();
    if (skip) return t.skip(skip);
    const commands = paletteCommands().filter((c) => c.id.startsWith('venvDoctor.'));
    assert.ok(commands.length > 0, 'the extension contributes no venvDoctor.* commands');
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('palette');
    makeVenv(python, path.join(folder, '.venv'));

    await withVSCode({ scenario: 'scenario5-palette', folder, vsix: [productVsix()] }, async (wb) => {
      // Activated (its status item is up); the commands must work whatever the sidecar has found.
      await statusItem(wb).waitFor({ state: 'visible', timeout: 60000 });
      for (const command of commands) {
        await t.test(`${command.title} (${command.id})`, async () => {
          const before = (await wb.seenNotifications()).length;
          const editorsBefore = await wb.page.locator('.tabs-container .tab').count();
          await wb.runCommand(command.title);
          // Wait for a visible reaction, bounded: many commands answer with a picker, a message or a document.
          const reaction = await waitFor(`a reaction to ${command.id}`, async () => {
            if (await wb.dialog().isVisible().catch(() => false)) return 'dialog';
            if (await wb.isQuickInputOpen()) return 'picker';
            if ((await wb.seenNotifications()).length > before) return 'notification';
            if ((await wb.page.locator('.tabs-container .tab').count()) !== editorsBefore) return 'editor';
            if (await wb.page.locator('.part.panel .output-view, .part.panel .monaco-editor').first().isVisible().catch(() => false)) return 'panel';
            return undefined;
          }, { timeoutMs: REACTION_MS }).catch(() => 'none');
          await wb.screenshot(command.id.replace(/^venvDoctor\./, ''));
          const fresh = (await wb.seenNotifications()).slice(before).map((n) => n.text);
          const errors = fresh.filter((text) => ERROR_TEXT.test(text));
          if (reaction === 'dialog') await wb.page.keyboard.press('Escape');
          if (await wb.isQuickInputOpen()) await wb.page.keyboard.press('Escape');
          assert.deepEqual(errors, [], `${command.id} reported an error`);
          t.diagnostic(`${command.id}: ${reaction}${fresh.length ? ` (${fresh.map((x) => x.split('\n')[0]).join(' | ')})` : ''}`);
        });
      }
    });
  });
});
