// Changes that come from VS Code's side: settings, workspace folders, files, the active editor, and the choice of
// interpreter. Separate from sidecarEvents.ts because each of these decides whether the sidecar must hear of it.
import * as vscode from 'vscode';
import type { Disposable } from '../common/emitter';
import { platform } from '../common/platform';
import { SECTION, SettingKeys, effectOfChange } from '../common/settings';
import * as api from '../common/vscodeApi';
import { ClientNotifications } from '../sidecar/protocol';
import { SessionState, SidecarSession, errorText } from '../sidecar/sidecarSession';
import type { ExtensionParts } from './extensionParts';
import type { ScanReactions } from './scanReactions';

export function subscribeToWorkspace(parts: ExtensionParts, scans: ScanReactions): Disposable[] {
    const { interpreters, status, sidecar } = parts;
    return [
        interpreters.onDidChange(() => scans.checkFolderInterpreters()),
        vscode.workspace.onDidChangeConfiguration((event) => onConfigurationChanged(parts, scans, event)),
        vscode.workspace.onDidChangeWorkspaceFolders((event) => onWorkspaceFoldersChanged(parts, scans, event)),
        ...watchEnvironmentFiles(sidecar),
        vscode.window.onDidChangeActiveTextEditor(() => status.refresh()),
        onTerminalShellChanged(parts),
    ];
}

/**
 * Commands shown to copy come quoted for the shell the sidecar was told at initialize (the default terminal
 * profile's); when the user picks a profile whose quoting differs, a running sidecar is restarted to quote for it.
 */
function onTerminalShellChanged({ sidecar, logger }: ExtensionParts): Disposable {
    let quoting = platform().shellOf(api.defaultShell());
    return vscode.env.onDidChangeShell((shell: string) => {
        const previous = quoting;
        quoting = platform().shellOf(shell);
        if (quoting !== previous && sidecar.state !== SessionState.NotStarted) {
            logger.info(`The default terminal shell is now ${shell}; restarting the sidecar to quote commands for ${quoting}.`);
            void sidecar.restart().catch((error) => logger.error(errorText(error)));
        }
    });
}

function onConfigurationChanged({ status, sidecar, logger, settings }: ExtensionParts, scans: ScanReactions, event: vscode.ConfigurationChangeEvent): void {
    if (event.affectsConfiguration('python.defaultInterpreterPath')) {
        status.refresh();
        void scans.rescan(); // the sidecar re-checks the settings files
    }
    switch (effectOfChange((key) => event.affectsConfiguration(key))) {
        case 'restart':
            if (sidecar.state === SessionState.NotStarted) {
                break; // not running (dormant): it reads the settings when it starts
            }
            logger.info('Search settings changed; restarting the sidecar.');
            void sidecar.restart().catch((error) => logger.error(errorText(error)));
            break;
        case 'trace':
            sidecar.setTrace(settings().trace);
            break;
    }
    if (event.affectsConfiguration(`${SECTION}.${SettingKeys.notifications}`)) {
        logger.info(`Notifications ${settings().notificationsEnabled ? 'on' : 'off'}.`);
    }
}

function onWorkspaceFoldersChanged({ interpreters, sidecar, logger }: ExtensionParts, scans: ScanReactions, event: vscode.WorkspaceFoldersChangeEvent): void {
    void interpreters.refresh();
    const method = ClientNotifications.didChangeWorkspaceFolders.method;
    if (sidecar.serves(method)) {
        const ref = (f: vscode.WorkspaceFolder) => ({ uri: f.uri.toString(), name: f.name });
        sidecar.notify(ClientNotifications.didChangeWorkspaceFolders, { event: { added: event.added.map(ref), removed: event.removed.map(ref) } });
        void scans.rescan();
    } else if (sidecar.state !== SessionState.NotStarted) {
        // This sidecar learns its roots only at initialize (and one not started yet reads them when it starts).
        void sidecar.restart().catch((error) => logger.error(errorText(error)));
    }
}

/**
 * VS Code's own watcher sees pyvenv.cfg files appear, change and vanish; passed on as a hint to the sidecar's
 * watcher, which may be over its watch budget or on a file system it cannot watch.
 */
function watchEnvironmentFiles(sidecar: SidecarSession): Disposable[] {
    const watcher = api.createFileSystemWatcher('**/pyvenv.cfg');
    const forward = (type: 1 | 2 | 3) => (uri: vscode.Uri) => {
        if (sidecar.serves(ClientNotifications.didChangeWatchedFiles.method)) {
            sidecar.notify(ClientNotifications.didChangeWatchedFiles, { changes: [{ uri: uri.toString(), type }] });
        }
    };
    return [watcher, watcher.onDidCreate(forward(1)), watcher.onDidChange(forward(2)), watcher.onDidDelete(forward(3))];
}
