// In-memory stand-ins for the two Python extensions' APIs, typed by their published packages
// (@vscode/python-environments, @vscode/python-extension): the compiler holds them to the real shapes, so a backend
// that works with these calls the real API the same way. Each keeps a selection per folder and fires the API's own
// change event when it changes, as the extensions do.
import type { DidChangeEnvironmentEventArgs, PythonEnvironment, SetEnvironmentScope } from '@vscode/python-environments';
import type { ActiveEnvironmentPathChangeEvent, Environment, EnvironmentPath, Resource } from '@vscode/python-extension';
import * as path from 'path';
import * as vscode from 'vscode';
import { PythonEnvironmentsSelectionApi } from '../../interpreters/pythonEnvironmentsBackend';
import { PythonExtensionEnvironmentsApi } from '../../interpreters/pythonExtensionBackend';

/** ms-python.vscode-python-envs: knows the environments it was told about; resolves a folder or its interpreter. */
export class FakePythonEnvironmentsApi implements PythonEnvironmentsSelectionApi {
    readonly calls: string[] = [];
    private readonly environments: PythonEnvironment[] = [];
    private readonly selection = new Map<string, PythonEnvironment | undefined>();
    private readonly changed = new vscode.EventEmitter<DidChangeEnvironmentEventArgs>();

    readonly onDidChangeEnvironment = this.changed.event;

    /** A venv the extension's venv manager found: `prefix/bin/python`. */
    addVenv(prefix: string, version = '3.12.1'): PythonEnvironment {
        const executable = path.join(prefix, 'bin', 'python');
        const environment: PythonEnvironment = {
            envId: { id: `venv:${prefix}`, managerId: 'ms-python.python:venv' },
            name: path.basename(prefix),
            displayName: `${path.basename(prefix)} (${version})`,
            displayPath: prefix,
            version,
            environmentPath: vscode.Uri.file(executable),
            execInfo: { run: { executable } },
            sysPrefix: prefix,
        };
        this.environments.push(environment);
        return environment;
    }

    async getEnvironment(scope: vscode.Uri | undefined): Promise<PythonEnvironment | undefined> {
        this.calls.push(`getEnvironment ${scope?.fsPath}`);
        return scope ? this.selection.get(scope.fsPath) : undefined;
    }

    async resolveEnvironment(context: vscode.Uri): Promise<PythonEnvironment | undefined> {
        this.calls.push(`resolveEnvironment ${context.fsPath}`);
        return this.environments.find((e) => e.sysPrefix === context.fsPath || e.environmentPath.fsPath === context.fsPath);
    }

    async setEnvironment(scope: SetEnvironmentScope, environment?: PythonEnvironment): Promise<void> {
        this.calls.push(`setEnvironment ${environment?.envId.id}`);
        const uris = scope === undefined ? [] : Array.isArray(scope) ? scope : [scope];
        for (const uri of uris) {
            const old = this.selection.get(uri.fsPath);
            this.selection.set(uri.fsPath, environment);
            this.changed.fire({ uri, old, new: environment });
        }
    }
}

/** ms-python.python: the active environment path per folder, 'python' when nothing is chosen (as the extension says). */
export class FakePythonExtensionApi implements PythonExtensionEnvironmentsApi {
    readonly calls: string[] = [];
    private readonly active = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<ActiveEnvironmentPathChangeEvent>();

    readonly onDidChangeActiveEnvironmentPath = this.changed.event;

    getActiveEnvironmentPath(resource?: Resource): EnvironmentPath {
        const chosen = resource ? this.active.get(fsPathOf(resource)) : undefined;
        return { id: chosen ?? 'DEFAULT_PYTHON', path: chosen ?? 'python' };
    }

    async updateActiveEnvironmentPath(environment: string | EnvironmentPath | Environment, resource?: Resource): Promise<void> {
        const chosen = typeof environment === 'string' ? environment : environment.path;
        this.calls.push(`updateActiveEnvironmentPath ${chosen}`);
        if (resource) {
            this.active.set(fsPathOf(resource), chosen);
        }
        this.changed.fire({ id: chosen, path: chosen, resource });
    }
}

function fsPathOf(resource: Resource): string {
    return 'uri' in resource ? resource.uri.fsPath : resource.fsPath;
}
