// Which interpreter a workspace folder uses, in the order VS Code itself decides it: the choice of the Python
// extension that owns it (Python Environments, else Python) when one is installed, else the folder's
// python.defaultInterpreterPath, else the best environment the sidecar found in the folder (what a user would
// pick: `.venv` first, healthy first).
import { newestVersionFirst } from '../common/pythonVersion';
import { BaseInterpreter, Environment, InterpreterSetting } from '../sidecar/protocol';
import { isInside } from './environmentStore';
import { platform } from '../common/platform';

export interface FolderRef {
    name: string;
    fsPath: string;
}

export type InterpreterSource = 'python-environments' | 'python-extension' | 'setting' | 'discovered' | 'none';

export interface ActiveInterpreter {
    folder?: FolderRef;
    source: InterpreterSource;
    /** Absolute interpreter (or environment folder) path, when there is one. */
    interpreterPath?: string;
    /** The environment it belongs to, when the sidecar found it. */
    environment?: Environment;
    /** The base interpreter it is, when it is not an environment. */
    base?: BaseInterpreter;
    /** The saved path points at nothing (the sidecar's settings check, or the file is gone). */
    missing: boolean;
}

export interface InterpreterSources {
    /** The interpreter backend's choice for the folder (interpreters/interpreterChoice.ts); undefined when none. */
    chosen?: (folder: FolderRef) => { path: string; by: 'python-environments' | 'python-extension' | 'settings' } | undefined;
    /** python.defaultInterpreterPath as the folder sees it. */
    settingPath: (folder: FolderRef) => string | undefined;
    /**
     * The absolute path a setting's value names for the folder, as the sidecar expands it (venv/expandSetting, the
     * one expander: features/settingExpansions.ts); undefined until it has answered.
     */
    expandSetting: (value: string, folder: FolderRef) => string | undefined;
    exists: (file: string) => boolean;
}

export interface Known {
    environments: Environment[];
    interpreters: BaseInterpreter[];
    settings: InterpreterSetting[];
}

export function resolveActiveInterpreter(folder: FolderRef | undefined, sources: InterpreterSources, known: Known): ActiveInterpreter {
    if (!folder) {
        return { source: 'none', missing: false };
    }
    const chosen = sources.chosen?.(folder);
    const fromBackend = chosen && usablePath(chosen.path, folder, sources);
    if (chosen && fromBackend && chosen.by !== 'settings') {
        return describe(folder, chosen.by, fromBackend, sources, known); // the settings backend's choice is the setting, read below
    }
    const rawSetting = sources.settingPath(folder);
    const fromSetting = usablePath(rawSetting, folder, sources);
    if (fromSetting) {
        return describe(folder, 'setting', fromSetting, sources, known, rawSetting);
    }
    const best = bestEnvironmentIn(folder, known.environments);
    if (best) {
        return { folder, source: 'discovered', interpreterPath: best.interpreter ?? best.path, environment: best, missing: false };
    }
    return { folder, source: 'none', missing: false };
}

/**
 * `rawSetting`: the setting's value as written, when the path came from it. The sidecar flags a stale setting by
 * that value (it expands variables itself, Settings/SettingVariables); it is matched as written, never expanded
 * here again, so the two sides' expansions are never compared.
 */
function describe(folder: FolderRef, source: InterpreterSource, interpreterPath: string, sources: InterpreterSources, known: Known, rawSetting?: string): ActiveInterpreter {
    const environment = environmentFor(interpreterPath, known.environments);
    const base = environment ? undefined : known.interpreters.find((i) => platform().samePath(i.executable, interpreterPath));
    const flaggedBySidecar = rawSetting !== undefined && known.settings.some((s) => !s.resolves && s.value === rawSetting && isInside(s.file, folder.fsPath));
    const missing = !environment && !base && (flaggedBySidecar || !sources.exists(interpreterPath));
    return { folder, source, interpreterPath, environment, base, missing };
}

/**
 * "python" (the Python extension's default when nothing is chosen) and empty values mean "not set". Variables and
 * relative paths are resolved by the sidecar (venv/expandSetting): this value is VS Code's merged setting (user,
 * workspace or folder), which the sidecar never reads from a file, so it is sent with the folder it is for. Until
 * the sidecar has answered the value is not used (the status follows when it answers).
 */
function usablePath(value: string | undefined, folder: FolderRef, sources: InterpreterSources): string | undefined {
    if (!value || value.trim() === '' || value === 'python' || value === 'python3') {
        return undefined;
    }
    return sources.expandSetting(value.trim(), folder);
}

/** The environment an interpreter path belongs to: its own interpreter, its folder, or a file inside it. */
export function environmentFor(interpreterPath: string, environments: Environment[]): Environment | undefined {
    const exact = environments.find((e) => (!!e.interpreter && platform().samePath(e.interpreter, interpreterPath)) || platform().samePath(e.path, interpreterPath));
    if (exact) {
        return exact;
    }
    return environments
        .filter((e) => isInside(interpreterPath, e.path))
        .sort((a, b) => b.path.length - a.path.length)[0];
}

const preferredNames = ['.venv', 'venv', '.env', 'env'];
const healthRank = { ok: 0, warning: 1, broken: 2 } as const;

/** The environment a user would pick in this folder: conventional names first, then healthy, then shallow, then newest. */
export function bestEnvironmentIn(folder: FolderRef, environments: Environment[]): Environment | undefined {
    const inFolder = environments.filter((e) => isInside(e.path, folder.fsPath));
    const nameRank = (e: Environment): number => {
        const isDirectChild = platform().samePath(platform().path.dirname(e.path), folder.fsPath);
        const index = preferredNames.indexOf(platform().path.basename(e.path));
        return isDirectChild && index >= 0 ? index : preferredNames.length;
    };
    const depth = (e: Environment): number => e.path.split(/[\\/]/).length;
    return inFolder.sort(
        (a, b) =>
            nameRank(a) - nameRank(b) ||
            (healthRank[a.health] ?? 3) - (healthRank[b.health] ?? 3) ||
            depth(a) - depth(b) ||
            newestVersionFirst(a.version, b.version) ||
            a.path.localeCompare(b.path),
    )[0];
}
