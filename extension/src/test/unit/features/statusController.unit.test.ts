import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { repointInterpreter } from '../../../features/repoint';
import { StatusController } from '../../../features/statusController';
import { StatusView } from '../../../features/statusBar';
import { PythonEnvironmentsBackend } from '../../../interpreters/pythonEnvironmentsBackend';
import { InterpreterChoice } from '../../../interpreters/interpreterChoice';
import { MemoryLogger } from '../../../common/logger';
import { SessionState } from '../../../sidecar/sidecarSession';
import { FakePythonEnvironmentsApi } from '../../fakes/fakePythonApis';
import { brokenEnv, env, fakeServices, folder } from '../helpers';

describe('StatusController in a multi-root workspace', () => {
    afterEach(() => sinon.restore());
    const apiFolder = folder('/work/api');
    const web = folder('/work/web');

    it("tracks each folder's interpreter and follows the active editor's folder, naming namesakes by folder", async () => {
        const fake = new FakePythonEnvironmentsApi();
        fake.addVenv('/work/api/.venv', '3.13.0');
        const interpreters = new InterpreterChoice(() => [apiFolder.uri, web.uri], new MemoryLogger(), new PythonEnvironmentsBackend(fake));
        await interpreters.select(apiFolder.uri, '/work/api/.venv/bin/python');
        let active = web;
        const services = { ...fakeServices({ interpreters }), activeFolder: () => active };
        services.store.upsert(env('/work/api/.venv', { version: '3.13.0' }));
        services.store.upsert(brokenEnv('/work/web/.venv'));
        const views: StatusView[] = [];
        const controller = new StatusController(
            services,
            { state: SessionState.Running, lastFailure: undefined },
            { render: (view) => views.push(view) },
            { chosen: (f) => interpreters.chosen(f.fsPath), settingPath: () => undefined, expandSetting: (value) => value, exists: () => true },
            () => [apiFolder, web].map((f) => ({ name: f.name, fsPath: f.uri.fsPath })),
        );

        assert.strictEqual(controller.refresh().environment?.path, '/work/web/.venv');
        assert.strictEqual(views.at(-1)!.text, '$(error) web/.venv (3.12.1)');
        active = apiFolder;
        controller.refresh();
        assert.strictEqual(views.at(-1)!.text, '$(pass) api/.venv (3.13.0)');
        assert.match(views.at(-1)!.tooltip, /Chosen by the Python Environments extension/);

        const every = controller.everyFolder();
        assert.deepStrictEqual(every.map((a) => [a.folder?.name, a.source, a.environment?.health]), [
            ['api', 'python-environments', 'ok'],
            ['web', 'discovered', 'broken'],
        ]);
    });

    it('a backend that refuses a re-point is one line to the user, and nothing changes', async () => {
        const interpreters = new InterpreterChoice(() => [apiFolder.uri], new MemoryLogger(), new PythonEnvironmentsBackend(new FakePythonEnvironmentsApi()));
        const services = fakeServices({ interpreters });
        const error = sinon.stub(api, 'showErrorMessage').resolves(undefined);
        const via = await repointInterpreter(services, apiFolder, '/opt/unknown/bin/python');
        assert.strictEqual(via, undefined);
        assert.deepStrictEqual(error.firstCall.args, [
            'Venv Doctor could not change the interpreter of api: The Python Environments extension does not recognise /opt/unknown/bin/python as an environment.',
        ]);
        assert.strictEqual(interpreters.chosen(vscode.Uri.file('/work/api').fsPath), undefined);
    });
});
