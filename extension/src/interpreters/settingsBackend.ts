// python.defaultInterpreterPath as the interpreter backend: what VS Code's Python tooling read before the Python
// extensions owned the choice, and what remains when neither is installed. Always per workspace folder.
//
// One editor of that setting's files: the sidecar's journaled venv/setInterpreterSetting (undoable like any repair,
// docs/protocol.md §6). This module only reads the setting through VS Code's configuration API (the merged value
// VS Code itself resolves from user, workspace and folder scopes) and hands every write to the writer it is given.
// VS Code's own `update()` would be the right writer only for a scope that is not a workspace file (user settings,
// which this extension never changes); a folder's .vscode/settings.json or a .code-workspace is the sidecar's.
import * as vscode from 'vscode';
import * as api from '../common/vscodeApi';
import { InterpreterBackend } from './interpreterBackend';
import { platform } from '../common/platform';

export const INTERPRETER_SETTING_SECTION = 'python';
export const INTERPRETER_SETTING_KEY = 'defaultInterpreterPath';
export const INTERPRETER_SETTING = `${INTERPRETER_SETTING_SECTION}.${INTERPRETER_SETTING_KEY}`;

/** Sets python.defaultInterpreterPath in one settings file; rejects with a one-line reason. The product's is the sidecar's (features/repoint.ts). */
export type SettingFileWriter = (settingsFile: string, interpreterPath: string) => Promise<void>;

/** Before the sidecar is wired in there is no editor of the file: a selection fails with one line, nothing is written. */
export const noSettingWriter: SettingFileWriter = async () => {
    throw new Error('the Venv Doctor sidecar, which edits the settings file, is not available.');
};

export class SettingsBackend implements InterpreterBackend {
    readonly kind = 'settings';

    constructor(private readonly writeSetting: SettingFileWriter = noSettingWriter) {}

    async getSelected(folder: vscode.Uri): Promise<string | undefined> {
        return readInterpreterSetting(folder);
    }

    /** The folder's .vscode/settings.json, written by the sidecar; VS Code sees the file change and re-reads it. */
    async select(folder: vscode.Uri, interpreterPath: string): Promise<void> {
        await this.writeSetting(folderSettingsFile(folder.fsPath), interpreterPath);
    }

    onDidChangeSelected(listener: () => void): vscode.Disposable {
        return api.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration(INTERPRETER_SETTING)) {
                listener();
            }
        });
    }
}

/** python.defaultInterpreterPath as the folder sees it. */
export function readInterpreterSetting(folder: vscode.Uri): string | undefined {
    return api.getConfiguration(INTERPRETER_SETTING_SECTION, folder).get<string>(INTERPRETER_SETTING_KEY);
}

/** A workspace folder's settings file, the one the folder scope of the setting lives in. */
export function folderSettingsFile(folder: string): string {
    return platform().path.join(folder, '.vscode', 'settings.json');
}
