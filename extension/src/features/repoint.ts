// Re-pointing a folder's interpreter: through whichever backend owns the choice (interpreters/interpreterChoice.ts
// decides: the Python Environments extension, the Python extension, or python.defaultInterpreterPath). Always per
// workspace folder, so multi-root works. A backend that refuses is one line to the user, not a failed command.
// A stale python.defaultInterpreterPath in a folder's .vscode/settings.json is re-pointed by the sidecar's
// repoint-interpreter repair (the one editor of that file: journaled, so Undo Last Repair reverts it).
import * as path from 'path';
import type * as vscode from 'vscode';
import { Strings } from '../common/strings';
import * as api from '../common/vscodeApi';
import type { BackendKind } from '../interpreters/interpreterBackend';
import { Environment, Methods, RepairActions } from '../sidecar/protocol';
import { errorText } from '../sidecar/sidecarErrors';
import { isInside } from './environmentStore';
import { LAST_REPAIR_KEY, LastRepair, RepairOutcome } from './repair';
import type { Services } from './services';
import { ensureTrustedForRepair } from './trust';

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
 * The stale-setting quick fix: the sidecar re-points `settingsFile` (a folder's .vscode/settings.json) at the
 * environment `interpreterPath` belongs to, by its journaled repoint-interpreter repair, and the repair is
 * remembered for Undo Last Repair. The sidecar writes the environment's own interpreter (bin/python).
 */
export async function repointStaleSetting(
    services: Pick<Services, 'sidecar' | 'store' | 'logger' | 'workspaceState'>,
    settingsFile: string,
    interpreterPath: string,
): Promise<RepairOutcome> {
    if (!ensureTrustedForRepair()) {
        return 'untrusted';
    }
    const environment = environmentPathOf(interpreterPath, services.store.environments);
    const workspaceFolder = path.dirname(path.dirname(settingsFile));
    const inWorkspace = api.workspaceFolders().some((f) => isInside(environment, f.uri.fsPath));
    try {
        const result = await services.sidecar.request(Methods.applyRepair, {
            path: environment,
            action: RepairActions.repointInterpreter,
            workspaceFolder,
            userChosen: !inWorkspace,
        });
        if (result.diagnosis) {
            services.store.upsert(result.diagnosis);
        }
        if (result.applied && result.journalId) {
            await services.workspaceState.update(LAST_REPAIR_KEY, { path: environment, action: RepairActions.repointInterpreter } satisfies LastRepair);
        }
        return result.applied ? 'applied' : 'not-applied';
    } catch (error) {
        services.logger.error(`Re-pointing ${settingsFile} to ${interpreterPath} failed: ${errorText(error)}`);
        void api.showErrorMessage(Strings.repointFailed(path.basename(workspaceFolder), firstLine(errorText(error))));
        return 'failed';
    }
}

/** The environment an interpreter belongs to: the deepest known one holding it, else the folder above its bin/. */
function environmentPathOf(interpreterPath: string, environments: Environment[]): string {
    const holding = environments.filter((e) => e.interpreter === interpreterPath || isInside(interpreterPath, e.path));
    holding.sort((a, b) => b.path.length - a.path.length);
    return holding[0]?.path ?? path.dirname(path.dirname(interpreterPath));
}
