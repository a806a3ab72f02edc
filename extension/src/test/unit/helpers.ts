// Builders and fakes shared by the unit tests.
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import { MemoryLogger } from '../../common/logger';
import { PythonInterpreterApi } from '../../common/pythonExtension';
import { Environment } from '../../sidecar/protocol';
import { EnvironmentStore } from '../../features/environmentStore';
import { Services, StateStore } from '../../features/services';

export function env(envPath: string, overrides: Partial<Environment> = {}): Environment {
    return {
        path: envPath,
        kind: 'venv',
        version: '3.12.1',
        interpreter: `${envPath}/bin/python`,
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

export function fakeServices(options: { folder?: vscode.WorkspaceFolder; python?: PythonInterpreterApi; notifications?: boolean } = {}): FakeServices {
    return {
        sidecar: { request: sinon.stub(), onProgress: sinon.stub().returns({ dispose: () => undefined }) },
        store: new EnvironmentStore(),
        logger: new MemoryLogger(),
        workspaceState: new MemoryState(),
        python: () => options.python,
        activeFolder: () => options.folder,
        activeInterpreter: () => ({ source: 'none', missing: false }),
        refreshStatus: sinon.stub(),
        notificationsEnabled: () => options.notifications ?? true,
    };
}

export function fakePythonApi(): PythonInterpreterApi & { updateActivePath: sinon.SinonStub; getActivePath: sinon.SinonStub } {
    return {
        getActivePath: sinon.stub().returns(undefined),
        updateActivePath: sinon.stub().resolves(),
        onDidChangeActivePath: () => ({ dispose: () => undefined }),
    };
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
