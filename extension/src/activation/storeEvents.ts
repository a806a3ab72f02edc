// What activation does when the environment store changes (the tree view and the interpreter picker subscribe for
// themselves). The store changes on the sidecar's notifications and on scans alike, so this subscribes to the store
// rather than to any one of its sources.
import type { Disposable } from '../common/emitter';
import * as api from '../common/vscodeApi';
import { isInside } from '../features/environmentStore';
import type { ExtensionParts } from './extensionParts';

/**
 * The store changed: redraw the status, re-check the settings files only when the sidecar's view of them did, and
 * grow a light footprint once an environment is in the workspace (found by its walk, or appeared under its watch).
 */
export function subscribeToStore({ store, status, diagnostics, footprint }: ExtensionParts): Disposable {
    let diagnosedSettings = store.settings;
    return store.onDidChange(() => {
        status.refresh();
        const folders = api.workspaceFolders().map((f) => f.uri.fsPath);
        if (footprint.level === 'light' && store.environments.some((e) => folders.some((f) => isInside(e.path, f)))) {
            footprint.grow('environment');
        }
        if (store.settings !== diagnosedSettings) {
            diagnosedSettings = store.settings; // settings files are read only when the sidecar's view of them changes
            diagnostics.update(store.settings);
        }
    });
}
