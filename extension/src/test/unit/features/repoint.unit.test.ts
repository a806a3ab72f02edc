import * as assert from 'assert';
import * as sinon from 'sinon';
import * as api from '../../../common/vscodeApi';
import { LAST_REPAIR_KEY } from '../../../features/repair';
import { repointStaleSetting } from '../../../features/repoint';
import { Methods } from '../../../sidecar/protocol';
import { fakeServices, folder } from '../helpers';

describe('the stale-setting quick fix', () => {
    const settingsFile = '/work/proj/.vscode/settings.json';

    beforeEach(() => {
        sinon.stub(api, 'isWorkspaceTrusted').returns(true);
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
    });
    afterEach(() => sinon.restore());

    it('asks the sidecar to set the setting in that file, and remembers the file for undo', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.sidecar.request.withArgs(Methods.setInterpreterSetting).resolves({ applied: true, file: settingsFile, journalId: 'j1' });

        assert.strictEqual(await repointStaleSetting(services, settingsFile, '/work/proj/.venv/bin/python'), 'applied');

        assert.ok(services.sidecar.request.calledOnce);
        assert.deepStrictEqual(services.sidecar.request.firstCall.args.slice(0, 2), [
            Methods.setInterpreterSetting,
            { file: settingsFile, interpreter: '/work/proj/.venv/bin/python' },
        ]);
        assert.deepStrictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), { path: settingsFile, action: 'repoint-interpreter' });
    });

    it('a .code-workspace file goes to the sidecar the same way; a file already right is not an edit to undo', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const workspaceFile = '/work/team.code-workspace';
        services.sidecar.request.withArgs(Methods.setInterpreterSetting).resolves({ applied: false, file: workspaceFile, journalId: null });

        assert.strictEqual(await repointStaleSetting(services, workspaceFile, '/elsewhere/env/bin/python3'), 'not-applied');

        assert.deepStrictEqual(services.sidecar.request.firstCall.args[1], { file: workspaceFile, interpreter: '/elsewhere/env/bin/python3' });
        assert.strictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), undefined); // nothing journaled, nothing to undo
    });

    it('says in one line why the sidecar refused, and changes nothing itself', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.sidecar.request.withArgs(Methods.setInterpreterSetting).rejects(new Error('Refusing to write /work/proj/.vscode/settings.json: it is a symlink\n   at stack'));
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
