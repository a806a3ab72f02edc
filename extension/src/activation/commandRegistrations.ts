// Every command the extension contributes (package.json "commands"), each bound to its handler. The handlers are
// exported functions in features/ that take their services as an argument; binding them is all that happens here.
import * as vscode from 'vscode';
import type { Disposable } from '../common/emitter';
import * as api from '../common/vscodeApi';
import { CommandIds } from '../features/commands';
import { showDependents } from '../features/fleet/dependents';
import { selectInterpreter } from '../features/interpreterPicker';
import { makeRelocatable, recreateEnvironment, repairEnvironment, undoLastRepair } from '../features/repair';
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

export function registerCommands(parts: ExtensionParts, scans: ScanReactions): Disposable[] {
    const { services, store, report, channel, sidecar, logger, footprint } = parts;
    // A command is the user asking: what runs grows to what it needs before the handler reaches the sidecar.
    const register = (id: string, handler: (...args: unknown[]) => unknown) =>
        api.registerCommand(id, async (...args: unknown[]) => {
            await footprint.need('command');
            return handler(...args);
        });
    return [
        // Returns what the scan found, for callers of executeCommand. Asking for a scan is asking for the whole tree.
        api.registerCommand(CommandIds.scanWorkspace, async () => {
            await footprint.need('scan-requested');
            await scans.rescan();
            return { environments: store.environments };
        }),
        register(CommandIds.selectInterpreter, () => selectInterpreter(services)),
        register(CommandIds.repairEnvironment, (envPath) => repairEnvironment(services, asPath(envPath))),
        register(CommandIds.recreateEnvironment, (envPath) => recreateEnvironment(services, asPath(envPath))),
        register(CommandIds.makeRelocatable, (envPath) => makeRelocatable(services, asPath(envPath))),
        register(CommandIds.undoLastRepair, () => undoLastRepair(services)),
        register(CommandIds.showReport, () => report.show()),
        register(CommandIds.copyReport, () => report.copy()),
        api.registerCommand(CommandIds.showLog, () => channel.show()), // reading the log starts nothing
        register(CommandIds.showDependents, (base) => showDependents(services, base)),
        register(CommandIds.restartSidecar, () => sidecar.restart().catch((error) => logger.error(errorText(error)))),
        // The settings file changed on disk: list again so the sidecar's view of the settings (and the squiggle) follows.
        register(CommandIds.repointSetting, async (file: unknown, interpreterPath: unknown) => {
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
