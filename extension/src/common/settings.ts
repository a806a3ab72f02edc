// Venv Doctor's settings (contributes.configuration in package.json) and what they mean for the sidecar.
import { InitializationOptions } from '../sidecar/protocol';
import type { TraceSetting } from '../sidecar/sidecarSession';

export const SECTION = 'venvDoctor';

export const SettingKeys = {
    maxDepth: 'search.maxDepth',
    excludeGlobs: 'search.excludeGlobs',
    extraSearchFolders: 'search.extraFolders',
    watch: 'watch.enabled',
    notifications: 'notifications.enabled',
    sidecarPath: 'sidecar.path',
    requestTimeout: 'sidecar.requestTimeoutSeconds',
    trace: 'trace.server',
} as const;

/** A settings reader: VS Code's WorkspaceConfiguration has this shape. */
export interface ConfigurationReader {
    get<T>(key: string): T | undefined;
}

export interface VenvDoctorSettings {
    maxDepth: number | null;
    excludeGlobs: string[];
    extraSearchFolders: string[];
    watch: boolean;
    notificationsEnabled: boolean;
    sidecarPath: string | undefined;
    requestTimeoutMs: number;
    trace: TraceSetting;
}

export function readSettings(config: ConfigurationReader): VenvDoctorSettings {
    const maxDepth = config.get<number | null>(SettingKeys.maxDepth);
    const timeoutSeconds = config.get<number>(SettingKeys.requestTimeout) ?? 30;
    const trace = config.get<string>(SettingKeys.trace);
    return {
        maxDepth: typeof maxDepth === 'number' && maxDepth >= 0 ? Math.floor(maxDepth) : null,
        excludeGlobs: stringArray(config.get(SettingKeys.excludeGlobs)),
        extraSearchFolders: stringArray(config.get(SettingKeys.extraSearchFolders)),
        watch: config.get<boolean>(SettingKeys.watch) ?? true,
        notificationsEnabled: config.get<boolean>(SettingKeys.notifications) ?? true,
        sidecarPath: config.get<string>(SettingKeys.sidecarPath) || undefined,
        requestTimeoutMs: Math.max(1, timeoutSeconds) * 1000,
        trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
    };
}

export function toInitializationOptions(settings: VenvDoctorSettings): InitializationOptions {
    return {
        maxDepth: settings.maxDepth,
        excludeGlobs: settings.excludeGlobs,
        extraSearchFolders: settings.extraSearchFolders,
        watch: settings.watch,
    };
}

export type SettingsChangeEffect = 'restart' | 'trace' | 'none';

/**
 * What a settings change asks of the sidecar. Search settings and the binary path are read at initialize, so the
 * sidecar restarts (and the workspace is rescanned); trace changes apply live with $/setTrace.
 */
export function effectOfChange(affects: (key: string) => boolean): SettingsChangeEffect {
    const restartKeys = [SettingKeys.maxDepth, SettingKeys.excludeGlobs, SettingKeys.extraSearchFolders, SettingKeys.watch, SettingKeys.sidecarPath];
    if (restartKeys.some((key) => affects(`${SECTION}.${key}`))) {
        return 'restart';
    }
    if (affects(`${SECTION}.${SettingKeys.trace}`)) {
        return 'trace';
    }
    return 'none';
}

function stringArray(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}
