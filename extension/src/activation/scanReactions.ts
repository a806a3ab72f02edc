// What follows a scan or a change in the folders' interpreters. Shared by the sidecar's events, the commands and the
// workspace's events, which all end in one of these, so it lives beside them rather than inside any one of them.
import { scanWorkspace } from '../features/scan';
import type { ExtensionParts } from './extensionParts';

export interface ScanReactions {
    /** Redraws the status and raises a notice for any folder whose interpreter is broken. */
    checkFolderInterpreters(): void;
    /** Scans the workspace again and, if the scan completed, reacts to what it found. */
    rescan(): Promise<void>;
}

export function scanReactions({ services, store, status, notifier, footprint }: ExtensionParts): ScanReactions {
    // Notifications wait for their answer: neither may hold up the other, nor the scan that raised them.
    const checkFolderInterpreters = (): void => {
        status.refresh();
        void notifier.onFolderInterpreters(status.everyFolder(), (environment) => status.label(environment));
    };
    const afterScan = (): void => {
        void notifier.onSettings(store.settings);
        checkFolderInterpreters();
    };
    const rescan = async (): Promise<void> => {
        if (footprint.level === 'dormant') {
            return; // nothing runs yet: what would grow the footprint starts the sidecar, and its start scans
        }
        if (await scanWorkspace(services)) {
            afterScan();
        }
    };
    return { checkFolderInterpreters, rescan };
}
