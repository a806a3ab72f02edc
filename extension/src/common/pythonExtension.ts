// The Python extension (ms-python.python), reached through its published API package. Optional: when it is not
// installed, Venv Doctor falls back to python.defaultInterpreterPath (see features/repoint.ts).
import { PythonExtension } from '@vscode/python-extension';
import * as vscode from 'vscode';
import { Disposable } from './emitter';
import { isExtensionInstalled } from './vscodeApi';

export const PYTHON_EXTENSION_ID = 'ms-python.python';

/** The two things we need from the Python extension, in a shape unit tests can fake. */
export interface PythonInterpreterApi {
    getActivePath(folderUri: vscode.Uri): string | undefined;
    updateActivePath(interpreterPath: string, folderUri: vscode.Uri): Promise<void>;
    onDidChangeActivePath(listener: () => void): Disposable;
}

export async function loadPythonInterpreterApi(): Promise<PythonInterpreterApi | undefined> {
    if (!isExtensionInstalled(PYTHON_EXTENSION_ID)) {
        return undefined;
    }
    const python = await PythonExtension.api();
    return {
        getActivePath: (folderUri) => python.environments.getActiveEnvironmentPath(folderUri)?.path,
        updateActivePath: (interpreterPath, folderUri) => python.environments.updateActiveEnvironmentPath(interpreterPath, folderUri),
        onDidChangeActivePath: (listener) => python.environments.onDidChangeActiveEnvironmentPath(() => listener()),
    };
}
