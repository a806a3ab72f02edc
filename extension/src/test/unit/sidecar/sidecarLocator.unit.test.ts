import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureExecutable, locateSidecar } from '../../../sidecar/sidecarLocator';

describe('locateSidecar', () => {
    const extensionPath = path.join('/opt', 'ext');
    const bundled = path.join(extensionPath, 'server', 'venv-sidecar');
    const devRelease = path.join('/opt', 'server', 'VenvDoctor.Sidecar', 'bin', 'Release', 'net10.0', 'venv-sidecar');
    const devDebug = path.join('/opt', 'server', 'VenvDoctor.Sidecar', 'bin', 'Debug', 'net10.0', 'venv-sidecar');
    const locate = (existing: string[], override?: string) =>
        locateSidecar({ override, extensionPath, platform: 'linux', exists: (f) => existing.includes(f) });

    it('prefers the setting override', () => {
        const result = locate(['/custom/venv-sidecar', bundled], '/custom/venv-sidecar');
        assert.deepStrictEqual(result, { found: true, candidate: { path: '/custom/venv-sidecar', source: 'setting' } });
    });

    it('reports a missing override instead of silently using another binary', () => {
        const result = locate([bundled], '/custom/missing');
        assert.strictEqual(result.found, false);
        assert.match(!result.found ? result.message : '', /venvDoctor\.sidecar\.path does not exist: \/custom\/missing/);
    });

    it('uses the bundled copy, then Release, then Debug build output', () => {
        const shipped = locate([bundled, devRelease]);
        assert.ok(shipped.found && shipped.candidate.path === bundled && shipped.candidate.source === 'bundled');
        const release = locate([devRelease, devDebug]);
        assert.ok(release.found && release.candidate.path === devRelease && release.candidate.source === 'development');
        const debug = locate([devDebug]);
        assert.ok(debug.found && debug.candidate.path === devDebug);
    });

    it('lists every place it looked when nothing is there', () => {
        const result = locate([]);
        assert.ok(!result.found);
        assert.deepStrictEqual(result.tried.map((c) => c.path), [bundled, devRelease, devDebug]);
        assert.ok([bundled, devRelease, devDebug].every((p) => result.message.includes(p)));
    });

    it('looks for venv-sidecar.exe on Windows', () => {
        const result = locateSidecar({ extensionPath, platform: 'win32', exists: (f) => f.endsWith('.exe') });
        assert.ok(result.found && result.candidate.path.endsWith('venv-sidecar.exe'));
    });

    it('restores a lost execute bit', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-locator-'));
        try {
            const file = path.join(dir, 'venv-sidecar');
            fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
            assert.strictEqual(ensureExecutable(file, 'linux'), undefined);
            assert.strictEqual(fs.statSync(file).mode & 0o777, 0o755);
            assert.match(ensureExecutable(path.join(dir, 'missing'), 'linux') ?? '', /is not executable and could not be made so/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
