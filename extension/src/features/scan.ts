// Scans: the workspace (on start, after a restart, on "Scan Workspace" / "Rescan") and, once per session, the
// machine (pyenv, conda, virtualenvwrapper... for the picker's Machine group). Environments stream in as venv/found
// notifications (wired to the store in extension.ts); the final result replaces what the workspace had.
import * as api from '../common/vscodeApi';
import { SECTION, VenvDoctorSettings, readSettings } from '../common/settings';
import { ListParams, Methods } from '../sidecar/protocol';
import { errorText } from '../sidecar/sidecarSession';
import { Services } from './services';

/** A large home folder can take a while; the sidecar streams what it finds meanwhile. */
const SCAN_TIMEOUT_MS = 5 * 60_000;

/**
 * The roots and search options go with every request rather than relying on what initialize said, so a scan
 * always reflects the current folders and settings (and works with a sidecar that ignores initialize's roots).
 */
export function workspaceListParams(folders: string[], settings: VenvDoctorSettings): ListParams {
    return {
        scope: 'workspace',
        roots: [...new Set([...folders, ...settings.extraSearchFolders])],
        maxDepth: settings.maxDepth ?? undefined,
        excludeGlobs: settings.excludeGlobs.length > 0 ? settings.excludeGlobs : undefined,
    };
}

export async function scanWorkspace(services: Services): Promise<boolean> {
    const folders = api.workspaceFolders().map((f) => f.uri.fsPath);
    // The footprint's depth, which is also the session's: a full scan then matches the live watch's model.
    const params = workspaceListParams(folders, { ...readSettings(api.getConfiguration(SECTION)), maxDepth: services.scanDepth() });
    services.store.beginScan();
    try {
        const result = await services.sidecar.request(Methods.list, params, undefined, SCAN_TIMEOUT_MS);
        services.store.applyScan(result, params.roots ?? folders);
        services.logger.info(
            `Workspace scan: ${result.environments.length} environment(s), ${result.settings?.length ?? 0} interpreter setting(s), ` +
                `${result.skipped?.length ?? 0} path(s) skipped.`,
        );
        for (const skipped of result.skipped ?? []) {
            services.logger.warn(`Skipped ${skipped.path}: ${skipped.reason}`);
        }
        return true;
    } catch (error) {
        services.logger.error(`Workspace scan failed: ${errorText(error)}`);
        return false;
    } finally {
        services.store.endScan();
    }
}

let machineScan: Promise<boolean> | undefined;

export function scanMachine(services: Services): Promise<boolean> {
    machineScan ??= (async () => {
        services.store.beginScan();
        try {
            services.store.addMachineScan(await services.sidecar.request(Methods.list, { scope: 'machine' }, undefined, SCAN_TIMEOUT_MS));
            return true;
        } catch (error) {
            services.logger.error(`Machine scan failed: ${errorText(error)}`);
            machineScan = undefined; // try again next time
            return false;
        } finally {
            services.store.endScan();
        }
    })();
    return machineScan;
}

/** After a sidecar restart its machine view is new too. */
export function forgetMachineScan(): void {
    machineScan = undefined;
}
