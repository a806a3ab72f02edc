import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { repointInterpreter } from '../../../features/repoint';
import { fakeConfiguration, fakePythonApi, folder } from '../helpers';

describe('repointInterpreter', () => {
    afterEach(() => sinon.restore());
    const proj = folder('/work/proj');

    it("goes through the Python extension's API when it is installed", async () => {
        const python = fakePythonApi();
        const getConfiguration = sinon.stub(api, 'getConfiguration');
        const via = await repointInterpreter(proj, '/work/proj/.venv/bin/python', python);
        assert.strictEqual(via, 'python-extension');
        assert.deepStrictEqual(python.updateActivePath.firstCall.args, ['/work/proj/.venv/bin/python', proj.uri]);
        assert.ok(getConfiguration.notCalled);
    });

    it("otherwise writes python.defaultInterpreterPath in the folder's settings", async () => {
        const configuration = fakeConfiguration();
        const getConfiguration = sinon.stub(api, 'getConfiguration').returns(configuration as unknown as vscode.WorkspaceConfiguration);
        const via = await repointInterpreter(proj, '/work/proj/.venv/bin/python', undefined);
        assert.strictEqual(via, 'settings');
        assert.deepStrictEqual(getConfiguration.firstCall.args, ['python', proj.uri]);
        assert.deepStrictEqual(configuration.update.firstCall.args, [
            'defaultInterpreterPath',
            '/work/proj/.venv/bin/python',
            vscode.ConfigurationTarget.WorkspaceFolder,
        ]);
    });

    it('fixes a stale setting as well when asked, even with the Python extension', async () => {
        const python = fakePythonApi();
        const configuration = fakeConfiguration();
        sinon.stub(api, 'getConfiguration').returns(configuration as unknown as vscode.WorkspaceConfiguration);
        await repointInterpreter(proj, '/work/proj/.venv/bin/python', python, { fixSetting: true });
        assert.ok(python.updateActivePath.calledOnce);
        assert.strictEqual(configuration.update.firstCall.args[1], '/work/proj/.venv/bin/python');
    });
});
