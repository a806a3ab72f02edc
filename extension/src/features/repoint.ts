// Re-pointing a folder's interpreter: through whichever backend owns the choice (interpreters/interpreterChoice.ts
// decides: the Python Environments extension, the Python extension, or python.defaultInterpreterPath). Always per
// workspace folder, so multi-root works.
import type * as vscode from 'vscode';
import type { BackendKind } from '../interpreters/interpreterBackend';
import type { Services } from './services';

export type RepointedVia = BackendKind;

export function repointInterpreter(
    services: Pick<Services, 'interpreters'>,
    folder: vscode.WorkspaceFolder,
    interpreterPath: string,
    options: { fixSetting?: boolean } = {},
): Promise<RepointedVia> {
    return services.interpreters.select(folder.uri, interpreterPath, options);
}
