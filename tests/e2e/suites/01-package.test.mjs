// `npm run package` made a VSIX (run.sh called it): the sidecar is inside, executable, next to its own runtime.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bundledSidecar, manifest, productMissingReason, productVsix, unpackedExtension } from '../lib/product.mjs';

describe('package', () => {
  it('npm run package produced a VSIX with the self-contained sidecar', (t) => {
    if (process.env.VENV_DOCTOR_E2E_PACKAGE_FAILED === '1') {
      assert.fail(`npm run package failed: see artifacts/e2e/package.log`);
    }
    const missing = productMissingReason();
    if (missing) return t.skip(missing);
    const vsix = productVsix();
    const sidecar = bundledSidecar();
    assert.ok(fs.existsSync(sidecar), `${sidecar} missing from the VSIX`);
    assert.ok(fs.statSync(sidecar).mode & 0o111, 'the sidecar is not executable in the VSIX');
    const server = path.dirname(sidecar);
    for (const runtimeFile of ['libcoreclr.so', 'libhostfxr.so', 'System.Private.CoreLib.dll']) {
      assert.ok(fs.existsSync(path.join(server, runtimeFile)), `${runtimeFile} missing: the sidecar is not self-contained`);
    }
    const main = manifest().main;
    assert.ok(main && fs.existsSync(path.resolve(unpackedExtension(), main.endsWith('.js') ? main : `${main}.js`)),
      `the extension's entry point ${main} is not in the VSIX`);
    t.diagnostic(`${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1048576).toFixed(1)} MiB`);
  });
});
