import * as assert from 'assert';
import * as sinon from 'sinon';
import * as api from '../../../common/vscodeApi';
import { LAST_REPAIR_KEY } from '../../../features/repair';
import { repointStaleSetting } from '../../../features/repoint';
import { Methods } from '../../../sidecar/protocol';
import { env, fakeServices, folder } from '../helpers';

describe('the stale-setting quick fix', () => {
    const settingsFile = '/work/proj/.vscode/settings.json';

    beforeEach(() => {
        sinon.stub(api, 'isWorkspaceTrusted').returns(true);
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
    });
    afterEach(() => sinon.restore());

    it('asks the sidecar to re-point the folder at the environment holding the interpreter, and remembers it for undo', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.store.upsert(env('/work/proj/.venv'));
        services.sidecar.request.withArgs(Methods.applyRepair).resolves({ applied: true, path: '/work/proj/.venv', action: 'repoint-interpreter', journalId: 'j1' });

        assert.strictEqual(await repointStaleSetting(services, settingsFile, '/work/proj/.venv/bin/python'), 'applied');

        assert.ok(services.sidecar.request.calledOnce);
        assert.deepStrictEqual(services.sidecar.request.firstCall.args.slice(0, 2), [
            Methods.applyRepair,
            { path: '/work/proj/.venv', action: 'repoint-interpreter', workspaceFolder: '/work/proj', userChosen: false },
        ]);
        assert.deepStrictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), { path: '/work/proj/.venv', action: 'repoint-interpreter' });
    });

    it('names an environment outside the workspace as the user\'s choice, and the folder above bin/ when none is known', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.sidecar.request.withArgs(Methods.applyRepair).resolves({ applied: true, path: '/elsewhere/env', action: 'repoint-interpreter', journalId: null });

        assert.strictEqual(await repointStaleSetting(services, settingsFile, '/elsewhere/env/bin/python3'), 'applied');

        const params = services.sidecar.request.firstCall.args[1];
        assert.strictEqual(params.path, '/elsewhere/env');
        assert.strictEqual(params.userChosen, true);
        assert.strictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), undefined); // nothing journaled, nothing to undo
    });

    it('says in one line why the sidecar refused, and changes nothing itself', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.sidecar.request.withArgs(Methods.applyRepair).rejects(new Error('Refusing to write /work/proj/.vscode/settings.json: it is a symlink\n   at stack'));
        const error = sinon.stub(api, 'showErrorMessage').resolves(undefined);

        assert.strictEqual(await repointStaleSetting(services, settingsFile, '/work/proj/.venv/bin/python'), 'failed');

        assert.match(error.firstCall.args[0], /could not change the interpreter of proj: Refusing to write .* it is a symlink$/);
        assert.strictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), undefined);
    });

    it('does nothing in an untrusted workspace', async () => {
        sinon.restore();
        sinon.stub(api, 'isWorkspaceTrusted').returns(false);
        sinon.stub(api, 'showWarningMessage').resolves(undefined);
        const services = fakeServices();
        assert.strictEqual(await repointStaleSetting(services, settingsFile, '/work/proj/.venv/bin/python'), 'untrusted');
        assert.ok(services.sidecar.request.notCalled);
    });
});
