// How the sidecar process is found, started and introduced to. Kept apart from the rest of activation because it is
// the one place that knows the sidecar's command line and the initialize handshake VS Code sends.
import * as fs from 'fs';
import type * as vscode from 'vscode';
import type { Logger } from '../common/logger';
import { VenvDoctorSettings } from '../common/settings';
import { Footprint, footprintInitializationOptions } from '../features/footprint';
import { platform } from '../common/platform';
import * as api from '../common/vscodeApi';
import { ensureExecutable, locateSidecar } from '../sidecar/sidecarLocator';
import { InitializeParams, SidecarCommand, SidecarSession } from '../sidecar/sidecarSession';

export function createSidecarSession(
    context: vscode.ExtensionContext,
    settings: () => VenvDoctorSettings,
    logger: Logger,
    footprint: () => Footprint,
): SidecarSession {
    return new SidecarSession({
        command: () => sidecarCommand(context.extensionPath, settings().sidecarPath),
        initializeParams: () => initializeParams(context, settings(), footprint()),
        logger,
        trace: settings().trace,
        requestTimeoutMs: () => settings().requestTimeoutMs,
    });
}

/** Read on every start, so a changed `sidecarPath` setting takes effect on the next restart. */
function sidecarCommand(extensionPath: string, override: string | undefined): SidecarCommand | Error {
    const located = locateSidecar({ override, extensionPath, platform: process.platform, exists: (file) => fs.existsSync(file) });
    if (!located.found) {
        return new Error(located.message);
    }
    const notExecutable = ensureExecutable(located.candidate.path);
    return notExecutable ? new Error(notExecutable) : { command: located.candidate.path, args: ['serve'] };
}

/** Also read on every start: the workspace folders, settings and footprint may have changed since the last one. */
function initializeParams(context: vscode.ExtensionContext, settings: VenvDoctorSettings, footprint: Footprint): InitializeParams {
    return {
        processId: process.pid,
        clientInfo: { name: 'Venv Doctor for VS Code', version: context.extension.packageJSON.version },
        rootUri: api.workspaceFolders()[0]?.uri.toString() ?? null,
        workspaceFolders: api.workspaceFolders().map((f) => ({ uri: f.uri.toString(), name: f.name })),
        capabilities: { window: { workDoneProgress: true } },
        initializationOptions: { ...footprintInitializationOptions(footprint, settings), shell: platform().shellOf(api.defaultShell()) },
        trace: settings.trace,
    };
}
