// Activation reads as a list of steps: build the parts, connect them, then start what is slow. Each step lives in
// activation/ and the logic in features/ and sidecar/, where it is tested without a VS Code host.
import type * as vscode from 'vscode';
import { Disposable } from './common/emitter';
import { registerCommands, registerProviders } from './activation/commandRegistrations';
import { ExtensionParts, createExtensionParts } from './activation/extensionParts';
import { scanReactions } from './activation/scanReactions';
import { subscribeToSidecar } from './activation/sidecarEvents';
import { subscribeToStore } from './activation/storeEvents';
import { subscribeToWorkspace } from './activation/workspaceEvents';
import { chooseBackend, publishedApis } from './interpreters/interpreterChoice';
import { Environment } from './sidecar/protocol';
import { SessionState, SidecarSession, errorText } from './sidecar/sidecarSession';

let session: SidecarSession | undefined;

/** What other extensions (and the end-to-end tests) can ask of Venv Doctor: `extensions.getExtension(id).exports`. */
export interface VenvDoctorApi {
    /** Every environment currently known (workspace, and machine once the picker has listed it). */
    getEnvironments(): Environment[];
}

export function activate(context: vscode.ExtensionContext): VenvDoctorApi {
    const parts = createExtensionParts(context);
    session = parts.sidecar;
    const scans = scanReactions(parts);
    context.subscriptions.push(
        ...ownedParts(parts),
        ...registerProviders(parts),
        subscribeToStore(parts),
        ...subscribeToSidecar(parts, scans),
        ...registerCommands(parts, scans),
        ...subscribeToWorkspace(parts, scans),
    );
    startInBackground(parts);
    return { getEnvironments: () => parts.store.environments };
}

export async function deactivate(): Promise<void> {
    if (session && session.state !== SessionState.NotStarted) {
        await session.stop();
    }
}

/** The parts that hold resources (a process, an output channel, UI items), disposed with the extension. */
function ownedParts({ channel, statusBar, diagnostics, sidecar, footprint, environmentsView, interpreters }: ExtensionParts): Disposable[] {
    return [channel, statusBar, diagnostics, sidecar, footprint, environmentsView, interpreters];
}

/**
 * Cheap UI first; the Python extensions' APIs and the sidecar come up after, and neither blocks the other. The
 * sidecar starts only when the workspace's footprint asks for it (README "What starts when").
 */
function startInBackground({ status, interpreters, logger, footprint }: ExtensionParts): void {
    status.refresh();
    void chooseBackend(publishedApis, logger, interpreters.writeSetting)
        .then(async (backend) => {
            await interpreters.use(backend);
            logger.info(`Reading and setting interpreters through ${backendNames[backend.kind]}.`);
            status.refresh();
        })
        .catch((error) => logger.warn(`Choosing the interpreter backend failed: ${errorText(error)}`));
    void footprint.begin().catch((error) => logger.error(errorText(error)));
}

const backendNames = {
    'python-environments': 'the Python Environments extension',
    'python-extension': 'the Python extension',
    settings: 'python.defaultInterpreterPath',
} as const;
