// Every command the extension contributes (package.json "commands"), each bound to its handler. The handlers are
// exported functions in features/ that take their services as an argument; binding them is all that happens here.
import * as vscode from 'vscode';
import type { Disposable } from '../common/emitter';
import * as api from '../common/vscodeApi';
import { CommandIds } from '../features/commands';
import { showDependents } from '../features/fleet/dependents';
import { selectInterpreter } from '../features/interpreterPicker';
import { recreateEnvironment, repairEnvironment, undoLastRepair } from '../features/repair';
import { repointStaleSetting } from '../features/repoint';
import { SettingsDiagnostics } from '../features/settingsDiagnostics';
import { PLAN_SCHEME } from '../features/views/planPreview';
import { planDocuments } from '../features/views/repairPreview';
import { REPORT_SCHEME, reportPreviews } from '../features/views/reportView';
import { errorText } from '../sidecar/sidecarSession';
import type { ExtensionParts } from './extensionParts';
import type { ScanReactions } from './scanReactions';

/** The read-only documents (report and repair-plan previews) and the settings quick fixes the commands open. */
export function registerProviders({ diagnostics }: ExtensionParts): Disposable[] {
    return [
        api.registerTextDocumentContentProvider(REPORT_SCHEME, reportPreviews),
        api.registerTextDocumentContentProvider(PLAN_SCHEME, planDocuments),
        api.registerCodeActionsProvider(SettingsDiagnostics.selector, diagnostics, {
            providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
        }),
    ];
}

export function registerCommands({ services, store, report, channel, sidecar, logger }: ExtensionParts, scans: ScanReactions): Disposable[] {
    return [
        // Returns what the scan found, for callers of executeCommand.
        api.registerCommand(CommandIds.scanWorkspace, async () => {
            await scans.rescan();
            return { environments: store.environments };
        }),
        api.registerCommand(CommandIds.selectInterpreter, () => selectInterpreter(services)),
        api.registerCommand(CommandIds.repairEnvironment, (envPath) => repairEnvironment(services, asPath(envPath))),
        api.registerCommand(CommandIds.recreateEnvironment, (envPath) => recreateEnvironment(services, asPath(envPath))),
        api.registerCommand(CommandIds.undoLastRepair, () => undoLastRepair(services)),
        api.registerCommand(CommandIds.showReport, () => report.show()),
        api.registerCommand(CommandIds.copyReport, () => report.copy()),
        api.registerCommand(CommandIds.showLog, () => channel.show()),
        api.registerCommand(CommandIds.showDependents, (base) => showDependents(services, base)),
        api.registerCommand(CommandIds.restartSidecar, () => sidecar.restart().catch((error) => logger.error(errorText(error)))),
        // The settings file changed on disk: list again so the sidecar's view of the settings (and the squiggle) follows.
        api.registerCommand(CommandIds.repointSetting, async (file: unknown, interpreterPath: unknown) => {
            const outcome = await repointStaleSetting(services, String(file), String(interpreterPath));
            if (outcome === 'applied') {
                await scans.rescan();
            }
            return outcome;
        }),
    ];
}

/** Commands get an environment path from other callers (tests, menus); the palette passes nothing. */
function asPath(value: unknown): string | undefined {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
