// The Python extension (ms-python.python) as the interpreter backend, through its published API
// (@vscode/python-extension): its active environment path per folder, and updateActiveEnvironmentPath to change it.
import type { PythonExtension } from '@vscode/python-extension';
import type * as vscode from 'vscode';
import { InterpreterBackend } from './interpreterBackend';

/** The part of the published API this backend uses (the fakes in tests implement exactly this). */
export type PythonExtensionEnvironmentsApi = Pick<
    PythonExtension['environments'],
    'getActiveEnvironmentPath' | 'updateActiveEnvironmentPath' | 'onDidChangeActiveEnvironmentPath'
>;

export class PythonExtensionBackend implements InterpreterBackend {
    readonly kind = 'python-extension';

    constructor(private readonly environments: PythonExtensionEnvironmentsApi) {}

    async getSelected(folder: vscode.Uri): Promise<string | undefined> {
        return this.environments.getActiveEnvironmentPath(folder)?.path;
    }

    select(folder: vscode.Uri, interpreterPath: string): Promise<void> {
        return this.environments.updateActiveEnvironmentPath(interpreterPath, folder);
    }

    onDidChangeSelected(listener: () => void): vscode.Disposable {
        return this.environments.onDidChangeActiveEnvironmentPath(() => listener());
    }
}
