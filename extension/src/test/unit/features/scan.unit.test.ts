import * as assert from 'assert';
import * as sinon from 'sinon';
import * as api from '../../../common/vscodeApi';
import { readSettings } from '../../../common/settings';
import { scanWorkspace, workspaceListParams } from '../../../features/scan';
import { Methods } from '../../../sidecar/protocol';
import { env, fakeConfiguration, fakeServices, folder } from '../helpers';

describe('scanWorkspace', () => {
    afterEach(() => sinon.restore());

    it('sends the folders, extra folders and search settings with the request', () => {
        const settings = readSettings({
            get: <T>(key: string) =>
                ({ 'search.maxDepth': 2, 'search.excludeGlobs': ['**/build'], 'search.extraFolders': ['/srv/venvs', '/a'] })[key] as T,
        });
        assert.deepStrictEqual(workspaceListParams(['/a', '/b'], settings), {
            scope: 'workspace',
            roots: ['/a', '/b', '/srv/venvs'],
            maxDepth: 2,
            excludeGlobs: ['**/build'],
        });
        const defaults = workspaceListParams(['/a'], readSettings({ get: () => undefined }));
        assert.deepStrictEqual(defaults, { scope: 'workspace', roots: ['/a'], maxDepth: undefined, excludeGlobs: undefined });
    });

    it('is busy while the request runs, then holds the result', async () => {
        const services = fakeServices();
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        sinon.stub(api, 'getConfiguration').returns(fakeConfiguration() as never);
        const busy: boolean[] = [];
        services.store.onDidChange(() => busy.push(services.store.scanning));
        services.sidecar.request.withArgs(Methods.list).resolves({ environments: [env('/work/proj/.venv')], settings: [], interpreters: [], skipped: [{ path: '/work/proj/x', reason: 'permission denied' }] });
        assert.strictEqual(await scanWorkspace(services), true);
        assert.deepStrictEqual(busy, [true, true, false], 'busy at start, result applied while busy, then idle');
        assert.deepStrictEqual(services.store.environments.map((e) => e.path), ['/work/proj/.venv']);
        assert.ok(services.logger.lines.includes('[warn] Skipped /work/proj/x: permission denied'));
    });

    it('logs a failed scan and ends the busy state', async () => {
        const services = fakeServices();
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        sinon.stub(api, 'getConfiguration').returns(fakeConfiguration() as never);
        services.sidecar.request.rejects(new Error('The Venv Doctor sidecar is not running.'));
        assert.strictEqual(await scanWorkspace(services), false);
        assert.strictEqual(services.store.scanning, false);
        assert.ok(services.logger.lines.includes('[error] Workspace scan failed: The Venv Doctor sidecar is not running.'));
    });
});
