import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import { MemoryLogger } from '../../../common/logger';
import { InterpreterBackend } from '../../../interpreters/interpreterBackend';
import { BackendLoaders, InterpreterChoice, chooseBackend } from '../../../interpreters/interpreterChoice';
import { PythonEnvironmentsBackend } from '../../../interpreters/pythonEnvironmentsBackend';
import { PythonExtensionBackend } from '../../../interpreters/pythonExtensionBackend';
import { SettingsBackend } from '../../../interpreters/settingsBackend';
import { FakePythonEnvironmentsApi, FakePythonExtensionApi } from '../../fakes/fakePythonApis';
import { fakeInterpreterSettings } from '../helpers';

const api = '/work/mono/services/api';
const web = '/work/mono/services/web';

/** Each backend over its fake, with the venvs the fake knows about. */
const backends: { name: string; make: () => { backend: InterpreterBackend; settings: ReturnType<typeof fakeInterpreterSettings> } }[] = [
    {
        name: 'Python Environments',
        make: () => {
            const fake = new FakePythonEnvironmentsApi();
            fake.addVenv(`${api}/.venv`);
            fake.addVenv(`${web}/.venv`);
            return { backend: new PythonEnvironmentsBackend(fake), settings: fakeInterpreterSettings() };
        },
    },
    { name: 'Python extension', make: () => ({ backend: new PythonExtensionBackend(new FakePythonExtensionApi()), settings: fakeInterpreterSettings() }) },
    {
        name: 'python.defaultInterpreterPath',
        make: () => {
            const settings = fakeInterpreterSettings();
            return { backend: new SettingsBackend(settings.writeSetting), settings };
        },
    },
];

describe('interpreter backends: the same contract behind each', () => {
    afterEach(() => sinon.restore());

    for (const { name, make } of backends) {
        describe(name, () => {
            it('reads back what it selected, per folder, and says when it changed', async () => {
                const { backend } = make();
                const changes: number[] = [];
                backend.onDidChangeSelected(() => changes.push(1));
                await backend.select(vscode.Uri.file(api), `${api}/.venv/bin/python`);
                await backend.select(vscode.Uri.file(web), `${web}/.venv/bin/python`);
                assert.strictEqual(await backend.getSelected(vscode.Uri.file(api)), `${api}/.venv/bin/python`);
                assert.strictEqual(await backend.getSelected(vscode.Uri.file(web)), `${web}/.venv/bin/python`);
                assert.strictEqual(changes.length, 2);
            });

            it('behind InterpreterChoice: the cached answer follows a change made elsewhere (the user picking in that extension)', async () => {
                const { backend } = make();
                const choice = new InterpreterChoice(() => [vscode.Uri.file(api), vscode.Uri.file(web)], new MemoryLogger());
                await choice.use(backend);
                assert.strictEqual(choice.chosen(api)?.path, backend.kind === 'python-extension' ? 'python' : undefined);
                const changed = new Promise<void>((resolve) => choice.onDidChange(resolve));
                await backend.select(vscode.Uri.file(web), `${web}/.venv/bin/python`); // not through choice
                await changed;
                assert.deepStrictEqual(choice.chosen(web), { path: `${web}/.venv/bin/python`, by: backend.kind });
            });
        });
    }

    it('Python Environments: re-points with resolveEnvironment(Uri) then setEnvironment(scope, env), not by editing settings', async () => {
        const settings = fakeInterpreterSettings();
        const fake = new FakePythonEnvironmentsApi();
        const venv = fake.addVenv(`${api}/.venv`, '3.13.0');
        const choice = new InterpreterChoice(() => [vscode.Uri.file(api)], new MemoryLogger());
        await choice.use(new PythonEnvironmentsBackend(fake));
        assert.strictEqual(await choice.select(vscode.Uri.file(api), `${api}/.venv/bin/python`), 'python-environments');
        assert.deepStrictEqual(fake.calls.filter((c) => !c.startsWith('getEnvironment')), [`resolveEnvironment ${api}/.venv/bin/python`, `setEnvironment ${venv.envId.id}`]);
        assert.ok(settings.update.notCalled, 'settings were edited');
    });

    it('Python Environments: a path it cannot resolve is refused with one line, and nothing is set', async () => {
        const fake = new FakePythonEnvironmentsApi();
        const backend = new PythonEnvironmentsBackend(fake);
        await assert.rejects(backend.select(vscode.Uri.file(api), '/nowhere/bin/python'), /does not recognise \/nowhere\/bin\/python as an environment\.$/);
        assert.ok(!fake.calls.some((c) => c.startsWith('setEnvironment')));
    });

    it('a stale setting is fixed as well when asked, even when an extension owns the choice', async () => {
        const settings = fakeInterpreterSettings();
        const fake = new FakePythonExtensionApi();
        const choice = new InterpreterChoice(() => [vscode.Uri.file(api)], new MemoryLogger(), undefined, settings.writeSetting);
        await choice.use(new PythonExtensionBackend(fake));
        await choice.select(vscode.Uri.file(api), `${api}/.venv/bin/python`, { fixSetting: true });
        assert.deepStrictEqual(fake.calls, [`updateActiveEnvironmentPath ${api}/.venv/bin/python`]);
        assert.strictEqual(settings.values.get(api), `${api}/.venv/bin/python`);
    });

    it('settings: selecting hands the folder\'s settings file to the sidecar\'s writer and never edits a file itself', async () => {
        const settings = fakeInterpreterSettings({ unregistered: true });
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-backend-'));
        try {
            fs.mkdirSync(path.join(folder, '.vscode'));
            const original = '{\n    // keep me\n    "editor.tabSize": 2\n}\n';
            fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), original);
            const writes: [string, string][] = [];
            await new SettingsBackend(async (file, interpreter) => void writes.push([file, interpreter])).select(vscode.Uri.file(folder), '/envs/a/bin/python');
            assert.deepStrictEqual(writes, [[path.join(folder, '.vscode', 'settings.json'), '/envs/a/bin/python']]);
            assert.ok(settings.update.notCalled, 'VS Code\'s configuration API is not a second writer');
            assert.strictEqual(fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8'), original);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    it('settings: without the sidecar there is no writer, and the selection fails with one line', async () => {
        fakeInterpreterSettings();
        await assert.rejects(new SettingsBackend().select(vscode.Uri.file(api), '/envs/a/bin/python'), /^Error: the Venv Doctor sidecar, which edits the settings file, is not available\.$/);
    });
});

describe('chooseBackend', () => {
    const loaders = (installed: string[], failing: string[] = []): BackendLoaders => ({
        isInstalled: (id) => installed.includes(id),
        pythonEnvironments: async () => {
            if (failing.includes('envs')) throw new Error('activation failed\n    at stack');
            return new FakePythonEnvironmentsApi();
        },
        pythonExtension: async () => new FakePythonExtensionApi(),
    });

    it('prefers the Python Environments extension, then the Python extension, then the setting', async () => {
        const logger = new MemoryLogger();
        assert.strictEqual((await chooseBackend(loaders(['ms-python.vscode-python-envs', 'ms-python.python']), logger)).kind, 'python-environments');
        assert.strictEqual((await chooseBackend(loaders(['ms-python.python']), logger)).kind, 'python-extension');
        assert.strictEqual((await chooseBackend(loaders([]), logger)).kind, 'settings');
    });

    it('falls through, with one line in the log, when an API fails to load', async () => {
        const logger = new MemoryLogger();
        const backend = await chooseBackend(loaders(['ms-python.vscode-python-envs', 'ms-python.python'], ['envs']), logger);
        assert.strictEqual(backend.kind, 'python-extension');
        assert.deepStrictEqual(logger.lines, ["[warn] The Python Environments extension's API is unavailable (activation failed); trying the Python extension."]);
    });
});
