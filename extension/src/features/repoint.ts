// Re-pointing a folder's interpreter. Through the Python extension when it is installed (it owns the choice and
// persists it its own way); otherwise by writing python.defaultInterpreterPath in the folder's settings, which is
// where VS Code and other Python tools read it from. Always per workspace folder, so multi-root works.
import * as fs from 'fs';
import { applyEdits, modify } from 'jsonc-parser';
import * as path from 'path';
import * as vscode from 'vscode';
import { PythonInterpreterApi } from '../common/pythonExtension';
import * as api from '../common/vscodeApi';

export const INTERPRETER_SETTING_SECTION = 'python';
export const INTERPRETER_SETTING_KEY = 'defaultInterpreterPath';

export type RepointedVia = 'python-extension' | 'settings';

export async function repointInterpreter(
    folder: vscode.WorkspaceFolder,
    interpreterPath: string,
    python: PythonInterpreterApi | undefined,
    options: { fixSetting?: boolean } = {},
): Promise<RepointedVia> {
    if (python) {
        await python.updateActivePath(interpreterPath, folder.uri);
        if (!options.fixSetting) {
            return 'python-extension';
        }
    }
    // The Python extension keeps its choice in its own storage, so a stale setting stays stale unless we fix it.
    try {
        await api
            .getConfiguration(INTERPRETER_SETTING_SECTION, folder.uri)
            .update(INTERPRETER_SETTING_KEY, interpreterPath, vscode.ConfigurationTarget.WorkspaceFolder);
    } catch (error) {
        // Without the Python extension the setting is not registered, and VS Code refuses to write an unregistered
        // setting ("... is not a registered configuration"). Other tools still read it from the file: edit it there,
        // keeping the file's comments and formatting.
        if (python || !/not a registered configuration/.test(String(error))) {
            throw error;
        }
        writeFolderSetting(folder.uri.fsPath, `${INTERPRETER_SETTING_SECTION}.${INTERPRETER_SETTING_KEY}`, interpreterPath);
    }
    return python ? 'python-extension' : 'settings';
}

function writeFolderSetting(folder: string, key: string, value: string): void {
    const file = path.join(folder, '.vscode', 'settings.json');
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}\n';
    const edits = modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 4, eol: '\n' } });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, applyEdits(text, edits));
}
