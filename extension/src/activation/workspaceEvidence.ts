// What the workspace holds, read at activation: VS Code does not say which activation event woke us, and a
// workspaceContains search that runs past 7 s activates us anyway, so the footprint is decided from our own look.
// Cheap looks first (a stat and two levels of folder listings per root, the settings VS Code already parsed); the
// one deep look — is there a pyvenv.cfg anywhere? — is a single file-name search by VS Code's search service, the
// same search the `workspaceContains:**/pyvenv.cfg` event runs, stopped at the first hit and given up after 5 s.
import * as vscode from 'vscode';
import type { FootprintReason } from '../features/footprint';
import { ENVIRONMENT_FILE, markersAt } from '../features/workspaceMarkers';
import { INTERPRETER_SETTING_KEY, INTERPRETER_SETTING_SECTION } from '../interpreters/settingsBackend';

/** Longest the deep pyvenv.cfg search may take; past it, the workspace counts as holding none. */
export const DEEP_SEARCH_TIMEOUT_MS = 5_000;
/** Folders the deep search never enters (it is a file-name search: .gitignore'd venvs are still found). */
const DEEP_SEARCH_EXCLUDE = '{**/node_modules/**,**/.git/**}';

/** The strongest reason the workspace gives: what leads to the full footprint first, then an open Python file. */
export async function gatherEvidence(): Promise<FootprintReason> {
    for (const folder of localFolders()) {
        const marker = markersAt(folder.uri.fsPath);
        if (marker) {
            return marker; // a .venv or project files: full, nothing more to look for
        }
        if (namesInterpreter(folder)) {
            return 'interpreter-setting';
        }
    }
    if (localFolders().length > 0 && (await environmentFileAnywhere())) {
        return 'environment';
    }
    return vscode.workspace.textDocuments.some(isPythonFile) ? 'python-file' : 'nothing';
}

/** A Python file on disk (not an untitled buffer, not a diff side or a git: view of one). */
export function isPythonFile(document: vscode.TextDocument): boolean {
    return document.languageId === 'python' && document.uri.scheme === 'file';
}

/** `python.defaultInterpreterPath` set for this folder or workspace; the extension-registered default does not count. */
export function namesInterpreter(folder: vscode.WorkspaceFolder): boolean {
    const config = vscode.workspace.getConfiguration(INTERPRETER_SETTING_SECTION, folder.uri);
    const inspected = typeof config.inspect === 'function' ? config.inspect<string>(INTERPRETER_SETTING_KEY) : undefined;
    const value = inspected ? (inspected.workspaceFolderValue ?? inspected.workspaceValue) : config.get<string>(INTERPRETER_SETTING_KEY);
    return typeof value === 'string' && value.trim() !== '' && value.trim() !== 'python';
}

function localFolders(): readonly vscode.WorkspaceFolder[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

async function environmentFileAnywhere(): Promise<boolean> {
    const source = new vscode.CancellationTokenSource();
    const timer = setTimeout(() => source.cancel(), DEEP_SEARCH_TIMEOUT_MS);
    try {
        const found = await vscode.workspace.findFiles(`**/${ENVIRONMENT_FILE}`, DEEP_SEARCH_EXCLUDE, 1, source.token);
        return found.length > 0;
    } catch {
        return false; // cancelled or refused: no evidence, so the footprint stays small
    } finally {
        clearTimeout(timer);
        source.dispose();
    }
}
