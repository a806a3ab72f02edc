// `npm run package` made a VSIX (run.sh called it): the sidecar is inside as one NativeAOT executable (no runtime
// beside it), and the extension's entry point is there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bundledSidecar, manifest, productMissingReason, productVsix, unpackedExtension } from '../lib/product.mjs';

describe('package', () => {
  it('npm run package produced a VSIX with the sidecar as one native executable', (t) => {
    if (process.env.VENV_DOCTOR_E2E_PACKAGE_FAILED === '1') {
      assert.fail(process.env.VENV_DOCTOR_E2E_VSIX_MISSING_REASON ?? 'npm run package failed: see artifacts/e2e/package.log');
    }
    const missing = productMissingReason();
    if (missing) return t.skip(missing);
    const vsix = productVsix();
    const sidecar = bundledSidecar();
    assert.ok(fs.existsSync(sidecar), `${sidecar} missing from the VSIX`);
    assert.ok(fs.statSync(sidecar).mode & 0o111, 'the sidecar is not executable in the VSIX');
    const server = path.dirname(sidecar);
    // NativeAOT: the runtime and our code are compiled into the one file; a .dll or libcoreclr.so here means the
    // VSIX carries a JIT build (or leftovers from one).
    const others = fs.readdirSync(server).filter((f) => f !== path.basename(sidecar));
    assert.deepEqual(others, [], `the sidecar's folder holds more than the executable: ${others.join(', ')}`);
    const head = Buffer.alloc(4);
    const fd = fs.openSync(sidecar, 'r');
    try { fs.readSync(fd, head, 0, 4, 0); } finally { fs.closeSync(fd); }
    assert.deepEqual([...head], [0x7f, 0x45, 0x4c, 0x46], 'the sidecar is not an ELF executable');
    const main = manifest().main;
    assert.ok(main && fs.existsSync(path.resolve(unpackedExtension(), main.endsWith('.js') ? main : `${main}.js`)),
      `the extension's entry point ${main} is not in the VSIX`);
    t.diagnostic(`${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1048576).toFixed(1)} MiB`);
  });
});
