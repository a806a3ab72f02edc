// Re-pointing a folder's interpreter. Through the Python extension when it is installed (it owns the choice and
// persists it its own way); otherwise by writing python.defaultInterpreterPath in the folder's settings, which is
// where VS Code and other Python tools read it from. Always per workspace folder, so multi-root works.
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
    await api
        .getConfiguration(INTERPRETER_SETTING_SECTION, folder.uri)
        .update(INTERPRETER_SETTING_KEY, interpreterPath, vscode.ConfigurationTarget.WorkspaceFolder);
    return python ? 'python-extension' : 'settings';
}
