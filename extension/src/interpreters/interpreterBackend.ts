// The contract every interpreter backend fulfils: which interpreter a workspace folder uses, how to change it, and
// when it changed. Three backends answer it (the Python Environments extension, the Python extension, the
// python.defaultInterpreterPath setting); interpreterChoice.ts decides which one, and nothing else knows.
import type * as vscode from 'vscode';
import type { Disposable } from '../common/emitter';

export type BackendKind = 'python-environments' | 'python-extension' | 'settings';

export interface InterpreterBackend {
    readonly kind: BackendKind;
    /** The interpreter (or environment folder) chosen for the folder, as the backend reports it; undefined when none. */
    getSelected(folder: vscode.Uri): Promise<string | undefined>;
    /** Makes `interpreterPath` the folder's interpreter. Rejects with a one-line reason when it cannot. */
    select(folder: vscode.Uri, interpreterPath: string): Promise<void>;
    /** Fires when the choice changes (for any folder: readers re-read the folders they show). */
    onDidChangeSelected(listener: () => void): Disposable;
}
