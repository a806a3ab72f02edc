// Re-pointing a folder's interpreter: through whichever backend owns the choice (interpreters/interpreterChoice.ts
// decides: the Python Environments extension, the Python extension, or python.defaultInterpreterPath). Always per
// workspace folder, so multi-root works. A backend that refuses is one line to the user, not a failed command.
// A stale python.defaultInterpreterPath in a settings file is re-pointed by the sidecar's venv/setInterpreterSetting
// (the one editor of that file: journaled, so Undo Last Repair reverts it).
import type * as vscode from 'vscode';
import { Strings } from '../common/strings';
import * as api from '../common/vscodeApi';
import type { BackendKind } from '../interpreters/interpreterBackend';
import { Methods, RepairActions } from '../sidecar/protocol';
import { errorText } from '../sidecar/sidecarErrors';
import { LAST_REPAIR_KEY, LastRepair, RepairOutcome } from './repair';
import type { Services } from './services';
import { ensureTrustedForRepair } from './trust';
import { platform } from '../common/platform';

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

/**
 * python.defaultInterpreterPath in `settingsFile` set to `interpreterPath` by the sidecar's venv/setInterpreterSetting:
 * the one editor of that file (journaled; comments and formatting kept), for the settings backend and the quick fix
 * alike. An edit that changed the file is remembered for Undo Last Repair, which names the file. Rejects with the
 * sidecar's one line when it refuses (a settings file outside the workspace folders, a symlinked .vscode, ...).
 */
export async function writeInterpreterSetting(
    services: Pick<Services, 'sidecar' | 'workspaceState'>,
    settingsFile: string,
    interpreterPath: string,
): Promise<boolean> {
    const result = await services.sidecar.request(Methods.setInterpreterSetting, { file: settingsFile, interpreter: interpreterPath });
    if (result.applied && result.journalId) {
        await services.workspaceState.update(LAST_REPAIR_KEY, { path: settingsFile, action: RepairActions.repointInterpreter } satisfies LastRepair);
    }
    return result.applied;
}

/**
 * The stale-setting quick fix, in a folder's .vscode/settings.json or a .code-workspace file: the sidecar re-points
 * the setting at `interpreterPath` (the environment's interpreter it suggested), and the edit is remembered for
 * Undo Last Repair.
 */
export async function repointStaleSetting(
    services: Pick<Services, 'sidecar' | 'logger' | 'workspaceState'>,
    settingsFile: string,
    interpreterPath: string,
): Promise<RepairOutcome> {
    if (!ensureTrustedForRepair()) {
        return 'untrusted';
    }
    try {
        return (await writeInterpreterSetting(services, settingsFile, interpreterPath)) ? 'applied' : 'not-applied';
    } catch (error) {
        services.logger.error(`Re-pointing ${settingsFile} to ${interpreterPath} failed: ${errorText(error)}`);
        void api.showErrorMessage(Strings.repointFailed(settingsOwnerName(settingsFile), firstLine(errorText(error))));
        return 'failed';
    }
}

/** The name the user knows a settings file by: its workspace folder's, or the workspace file's own. */
function settingsOwnerName(settingsFile: string): string {
    const { path } = platform();
    return settingsFile.endsWith('.code-workspace') ? path.basename(settingsFile, '.code-workspace') : path.basename(path.dirname(path.dirname(settingsFile)));
}
