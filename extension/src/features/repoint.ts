// Re-pointing a folder's interpreter: through whichever backend owns the choice (interpreters/interpreterChoice.ts
// decides: the Python Environments extension, the Python extension, or python.defaultInterpreterPath). Always per
// workspace folder, so multi-root works. A backend that refuses is one line to the user, not a failed command.
import type * as vscode from 'vscode';
import { Strings } from '../common/strings';
import * as api from '../common/vscodeApi';
import type { BackendKind } from '../interpreters/interpreterBackend';
import { errorText } from '../sidecar/sidecarErrors';
import type { Services } from './services';

export type RepointedVia = BackendKind;

/** The backend that re-pointed, or undefined when it could not (the user was told why). */
export async function repointInterpreter(
    services: Pick<Services, 'interpreters' | 'logger'>,
    folder: vscode.WorkspaceFolder,
    interpreterPath: string,
    options: { fixSetting?: boolean } = {},
): Promise<RepointedVia | undefined> {
    try {
        return await services.interpreters.select(folder.uri, interpreterPath, options);
    } catch (error) {
        services.logger.error(`Re-pointing ${folder.name} to ${interpreterPath} failed: ${errorText(error)}`);
        void api.showErrorMessage(Strings.repointFailed(folder.name, firstLine(errorText(error))));
        return undefined;
    }
}

function firstLine(text: string): string {
    return text.split('\n', 1)[0];
}
