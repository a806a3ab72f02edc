// Scenario 1: a workspace with a healthy .venv (made now by a real interpreter): the status bar shows its version;
// the picker lists it with its health. Also proves the VSIX works without .NET: the sidecar VS Code started is the
// NativeAOT executable inside the installed extension, with no .NET runtime loaded.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { commandTitle, missingCapability, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { assertSelfContainedSidecar, escapeRegExp, waitForStatus } from '../lib/venv-doctor.mjs';

describe('scenario 1: healthy venv', () => {
  it('status bar shows the version; the picker lists it with its health; the sidecar is self-contained', async (t) => {
    const skip = await missingCapability();
    if (skip) return t.skip(skip);
    // The self-contained check needs only the VSIX; the status bar and picker need discovery in the sidecar.
    const noDiscovery = await missingCapability({ commands: ['venvDoctor.selectInterpreter'], discovers: ['environments'] });
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ interpreter on this machine');
    const folder = scratchDir('healthy');
    makeVenv(python, path.join(folder, '.venv'));

    await withVSCode({ scenario: 'scenario1-healthy', folder, vsix: [productVsix()] }, async (wb, server) => {
      await t.test('status bar shows the venv and its version', async (st) => {
        if (noDiscovery) return st.skip(noDiscovery);
        const text = await waitForStatus(wb, new RegExp(escapeRegExp(`.venv (${python.version})`)), ['pass']);
        t.diagnostic(`status: ${text}`);
        await wb.screenshot('status-bar');
      });

      await t.test('the picker lists it with its health', async (st) => {
        if (noDiscovery) return st.skip(noDiscovery);
        await wb.runCommand(commandTitle('venvDoctor.selectInterpreter'));
        const row = wb.quickPickRowLocator(/\.venv/).first();
        await row.waitFor({ state: 'visible', timeout: 30000 });
        const text = await row.innerText();
        assert.match(text, new RegExp(escapeRegExp(python.version)), `picker row lacks the version: ${text}`);
        assert.ok((await wb.codicons(row)).includes('pass'), `picker row does not show healthy: ${text}`);
        await wb.screenshot('picker');
        await wb.closeQuickInput();
      });

      await t.test('the sidecar is the native executable from the extension, without a .NET runtime', async () => {
        const { exe } = await assertSelfContainedSidecar(server, server.extensionsDir);
        t.diagnostic(`sidecar: ${exe}`);
      });
    });
  });
});
