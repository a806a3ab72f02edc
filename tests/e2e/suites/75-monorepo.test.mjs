// Scenario 8: a monorepo with a `.venv` in several services, one of them seven folder levels down. With default
// settings the deep one is found (the search depth is unlimited, pruned), and the status item names the selected
// one by its path in the folder, since `.venv` alone would not say which.
import path from 'node:path';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { missingCapability, productVsix } from '../lib/product.mjs';
import { findPython, makeVenv } from '../lib/pythons.mjs';
import { scratchDir, withVSCode } from '../lib/scenario.mjs';
import { escapeRegExp, statusItem, waitForStatus } from '../lib/venv-doctor.mjs';

describe('scenario 8: monorepo with several .venv folders', () => {
  it('finds a .venv seven levels down and names the selected one by its relative path', async (t) => {
    const skip = await missingCapability({ discovers: ['environments'] });
    if (skip) return t.skip(skip);
    const python = findPython();
    if (!python) return t.skip('no Python 3.8+ with the venv module on this machine');
    const folder = scratchDir('monorepo');
    const deep = 'services/payments/api/v2/worker/py/.venv'; // the .venv is the seventh level: below the old default of 4
    makeVenv(python, path.join(folder, 'services/web/.venv'));
    makeVenv(python, path.join(folder, deep));
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode/settings.json'),
      JSON.stringify({ 'python.defaultInterpreterPath': '${workspaceFolder}/' + deep + '/bin/python' }, null, 2));

    await withVSCode({ scenario: 'scenario8-monorepo', folder, vsix: [productVsix()] }, async (wb) => {
      const text = await waitForStatus(wb, new RegExp(escapeRegExp(`${deep} (${python.version})`)), ['pass'], 90000);
      t.diagnostic(`status item: ${text}`);
      await statusItem(wb).hover();
      await wb.screenshot('status-relative-path');
    });
  });
});
