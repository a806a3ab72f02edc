// The Python Environments extension (ms-python.vscode-python-envs) as the interpreter backend, through its published
// API (@vscode/python-environments). That extension keeps the selection in its own state and does not read
// python.defaultInterpreterPath back as the choice, so re-pointing must go through setEnvironment.
import type { PythonEnvironment, PythonEnvironmentApi } from '@vscode/python-environments';
import * as vscode from 'vscode';
import { Strings } from '../common/strings';
import { InterpreterBackend } from './interpreterBackend';

/** The part of the published API this backend uses (the fakes in tests implement exactly this). */
export type PythonEnvironmentsSelectionApi = Pick<PythonEnvironmentApi, 'getEnvironment' | 'setEnvironment' | 'resolveEnvironment' | 'onDidChangeEnvironment'>;

export class PythonEnvironmentsBackend implements InterpreterBackend {
    readonly kind = 'python-environments';

    constructor(private readonly environments: PythonEnvironmentsSelectionApi) {}

    async getSelected(folder: vscode.Uri): Promise<string | undefined> {
        const environment = await this.environments.getEnvironment(folder);
        return environment ? interpreterOf(environment) : undefined;
    }

    async select(folder: vscode.Uri, interpreterPath: string): Promise<void> {
        // setEnvironment takes the extension's own environment object; resolveEnvironment makes one from a path.
        const environment = await this.environments.resolveEnvironment(vscode.Uri.file(interpreterPath));
        if (!environment) {
            throw new Error(Strings.notResolvedByPythonEnvironments(interpreterPath));
        }
        await this.environments.setEnvironment(folder, environment);
    }

    onDidChangeSelected(listener: () => void): vscode.Disposable {
        return this.environments.onDidChangeEnvironment(() => listener());
    }
}

/** The executable when the manager gives an absolute one, else the environment's path (folder or binary). */
function interpreterOf(environment: PythonEnvironment): string {
    const executable = environment.execInfo?.run?.executable;
    return executable && /^([/\\]|[A-Za-z]:)/.test(executable) ? executable : environment.environmentPath.fsPath;
}
