import * as assert from 'assert';
import { environmentLabel } from '../../../features/environmentLabel';

describe('environmentLabel', () => {
    const mono = { name: 'mono', fsPath: '/work/mono' };

    it('is the folder name when no other environment of the workspace shares it', () => {
        assert.strictEqual(environmentLabel('/work/mono/services/api/.venv', ['/work/mono/services/api/.venv', '/work/mono/tools/venv'], [mono]), '.venv');
    });

    it('is the path relative to the workspace folder when the name is ambiguous (a monorepo)', () => {
        const all = ['/work/mono/.venv', '/work/mono/services/api/.venv', '/work/mono/services/web/.venv'];
        assert.strictEqual(environmentLabel('/work/mono/services/api/.venv', all, [mono]), 'services/api/.venv');
        assert.strictEqual(environmentLabel('/work/mono/.venv', all, [mono]), '.venv');
    });

    it('adds the folder name in a multi-root workspace where the relative path is ambiguous too', () => {
        const api = { name: 'api', fsPath: '/work/api' };
        const web = { name: 'web', fsPath: '/work/web' };
        assert.strictEqual(environmentLabel('/work/api/.venv', ['/work/api/.venv', '/work/web/.venv'], [api, web]), 'api/.venv');
    });

    it('names the innermost folder of nested workspace folders, and an outside environment by its full path', () => {
        const inner = { name: 'svc', fsPath: '/work/mono/svc' };
        const all = ['/work/mono/svc/a/.venv', '/work/mono/b/.venv', '/opt/envs/.venv'];
        assert.strictEqual(environmentLabel('/work/mono/svc/a/.venv', all, [mono, inner]), 'a/.venv');
        assert.strictEqual(environmentLabel('/opt/envs/.venv', all, [mono, inner]), '/opt/envs/.venv');
    });
});
