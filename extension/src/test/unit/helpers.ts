// Builders and fakes shared by the unit tests.
import * as path from 'path';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import { MemoryLogger } from '../../common/logger';
import * as api from '../../common/vscodeApi';
import { InterpreterChoice } from '../../interpreters/interpreterChoice';
import { PythonExtensionBackend } from '../../interpreters/pythonExtensionBackend';
import type { SettingFileWriter } from '../../interpreters/settingsBackend';
import { FakePythonExtensionApi } from '../fakes/fakePythonApis';
import { Environment, InterpreterSetting } from '../../sidecar/protocol';
import { EnvironmentStore } from '../../features/environmentStore';
import { Services, StateStore } from '../../features/services';

export function env(envPath: string, overrides: Partial<Environment> = {}): Environment {
    return {
        path: envPath,
        kind: 'venv',
        version: '3.12.1',
        interpreter: `${envPath}/bin/python`,
        home: null,
        prompt: null,
        manager: null,
        health: 'ok',
        findings: [],
        suggestions: [],
        ...overrides,
    };
}

export function brokenEnv(envPath: string, overrides: Partial<Environment> = {}): Environment {
    return env(envPath, {
        health: 'broken',
        findings: [{ code: 'base-missing', severity: 'error', message: 'The base interpreter /usr/bin/python3.12 is gone.', data: {} }],
        suggestions: [
            { action: 'relink-base', title: 'Relink to Python 3.12.4', data: { base: '/opt/py/bin/python3.12', version: '3.12.4' } },
            { action: 'recreate', title: 'Recreate the environment', data: {} },
        ],
        ...overrides,
    });
}

export class MemoryState implements StateStore {
    readonly values = new Map<string, unknown>();
    get<T>(key: string, defaultValue: T): T {
        return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
    }
    update(key: string, value: unknown): Thenable<void> {
        this.values.set(key, value);
        return Promise.resolve();
    }
}

export function folder(fsPath: string, name = fsPath.split('/').pop() ?? fsPath): vscode.WorkspaceFolder {
    return { uri: vscode.Uri.file(fsPath), name, index: 0 };
}

export interface FakeServices extends Services {
    sidecar: { request: sinon.SinonStub; onProgress: sinon.SinonStub };
    logger: MemoryLogger;
    workspaceState: MemoryState;
    refreshStatus: sinon.SinonStub;
}

export function fakeServices(options: { folder?: vscode.WorkspaceFolder; interpreters?: InterpreterChoice; notifications?: boolean; writeSetting?: SettingFileWriter } = {}): FakeServices {
    return {
        sidecar: { request: sinon.stub(), onProgress: sinon.stub().returns({ dispose: () => undefined }) },
        store: new EnvironmentStore(),
        logger: new MemoryLogger(),
        workspaceState: new MemoryState(),
        interpreters: options.interpreters ?? new InterpreterChoice(() => [], new MemoryLogger(), undefined, options.writeSetting),
        activeFolder: () => options.folder,
        activeInterpreter: () => ({ source: 'none', missing: false }),
        refreshStatus: sinon.stub(),
        notificationsEnabled: () => options.notifications ?? true,
        scanDepth: () => null,
    };
}

/** Interpreters chosen through the Python extension (its fake records the calls). */
export function pythonExtensionChoice(folders: string[] = [], writeSetting?: SettingFileWriter): { interpreters: InterpreterChoice; python: FakePythonExtensionApi } {
    const python = new FakePythonExtensionApi();
    const interpreters = new InterpreterChoice(() => folders.map((f) => vscode.Uri.file(f)), new MemoryLogger(), new PythonExtensionBackend(python), writeSetting);
    return { interpreters, python };
}

/**
 * python.defaultInterpreterPath per folder, behind stubs of api.getConfiguration and api.onDidChangeConfiguration:
 * update() stores the value and fires the change event, as VS Code does. `unregistered` makes update() refuse the
 * key as VS Code does when no Python extension registers it.
 */
export function fakeInterpreterSettings(options: { unregistered?: boolean } = {}) {
    const values = new Map<string, string>();
    const changed = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
    const update = sinon.stub().callsFake(async (folderPath: string, key: string, value: string) => {
        if (options.unregistered) {
            throw new Error(`Unable to write to Folder Settings because python.${key} is not a registered configuration.`);
        }
        values.set(folderPath, value);
        changed.fire({ affectsConfiguration: (section: string) => section === `python.${key}` });
    });
    const getConfiguration = sinon.stub(api, 'getConfiguration').callsFake((section: string, scope?: vscode.ConfigurationScope) => {
        const folderPath = (scope as vscode.Uri | undefined)?.fsPath ?? '';
        return {
            get: <T>(key: string) => (section === 'python' && key === 'defaultInterpreterPath' ? values.get(folderPath) : undefined) as T | undefined,
            update: (key: string, value: unknown) => update(folderPath, key, value),
            has: () => false,
            inspect: () => undefined,
        } as unknown as vscode.WorkspaceConfiguration;
    });
    sinon.stub(api, 'onDidChangeConfiguration').callsFake((listener) => changed.event(listener));
    // The sidecar's venv/setInterpreterSetting as VS Code then sees it: the folder's settings file changed on disk.
    const writeSetting = sinon.stub().callsFake(async (settingsFile: string, value: string) => {
        const folderPath = path.dirname(path.dirname(settingsFile));
        values.set(folderPath, value);
        changed.fire({ affectsConfiguration: (section: string) => section === 'python.defaultInterpreterPath' });
    });
    return { values, update, getConfiguration, writeSetting };
}

/** A WorkspaceConfiguration whose update() is recorded. */
export function fakeConfiguration(values: Record<string, unknown> = {}) {
    return {
        get: <T>(key: string) => values[key] as T | undefined,
        update: sinon.stub().resolves(),
        has: (key: string) => key in values,
        inspect: () => undefined,
    };
}

/** A stale python.defaultInterpreterPath the sidecar reports, with the environment it suggests instead. */
export const staleSetting: InterpreterSetting = {
    file: '/work/proj/.vscode/settings.json',
    key: 'python.defaultInterpreterPath',
    value: '/work/old/.venv/bin/python',
    resolves: false,
    suggestion: '/work/proj/.venv/bin/python',
    unreadable: null,
};
