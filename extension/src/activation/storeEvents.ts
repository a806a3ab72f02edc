// What activation does when the environment store changes (the tree view and the interpreter picker subscribe for
// themselves). The store changes on the sidecar's notifications and on scans alike, so this subscribes to the store
// rather than to any one of its sources.
import type { Disposable } from '../common/emitter';
import type { ExtensionParts } from './extensionParts';

/** The store changed: redraw the status, and re-check the settings files only when the sidecar's view of them did. */
export function subscribeToStore({ store, status, diagnostics }: ExtensionParts): Disposable {
    let diagnosedSettings = store.settings;
    return store.onDidChange(() => {
        status.refresh();
        if (store.settings !== diagnosedSettings) {
            diagnosedSettings = store.settings; // settings files are read only when the sidecar's view of them changes
            diagnostics.update(store.settings);
        }
    });
}
