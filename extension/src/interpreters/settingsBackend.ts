// python.defaultInterpreterPath as the interpreter backend: what VS Code's Python tooling read before the Python
// extensions owned the choice, and what remains when neither is installed. Always per workspace folder.
import * as fs from 'fs';
import { applyEdits, modify } from 'jsonc-parser';
import * as path from 'path';
import * as vscode from 'vscode';
import * as api from '../common/vscodeApi';
import { InterpreterBackend } from './interpreterBackend';

export const INTERPRETER_SETTING_SECTION = 'python';
export const INTERPRETER_SETTING_KEY = 'defaultInterpreterPath';
export const INTERPRETER_SETTING = `${INTERPRETER_SETTING_SECTION}.${INTERPRETER_SETTING_KEY}`;

export class SettingsBackend implements InterpreterBackend {
    readonly kind = 'settings';

    async getSelected(folder: vscode.Uri): Promise<string | undefined> {
        return readInterpreterSetting(folder);
    }

    async select(folder: vscode.Uri, interpreterPath: string): Promise<void> {
        try {
            await api.getConfiguration(INTERPRETER_SETTING_SECTION, folder).update(INTERPRETER_SETTING_KEY, interpreterPath, vscode.ConfigurationTarget.WorkspaceFolder);
        } catch (error) {
            // Without a Python extension the setting is not registered, and VS Code refuses to write an unregistered
            // setting ("... is not a registered configuration"). Other tools still read it from the file: edit it
            // there, keeping the file's comments and formatting.
            if (!/not a registered configuration/.test(String(error))) {
                throw error;
            }
            writeFolderSetting(folder.fsPath, INTERPRETER_SETTING, interpreterPath);
        }
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

function writeFolderSetting(folder: string, key: string, value: string): void {
    const file = path.join(folder, '.vscode', 'settings.json');
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}\n';
    const edits = modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 4, eol: '\n' } });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, applyEdits(text, edits));
}
