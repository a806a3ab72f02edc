// Where the sidecar binary is: the user's override, then the copy shipped inside the extension, then the build
// output of a development checkout (extension/ sits next to server/).
import * as fs from 'fs';
import * as path from 'path';

export type SidecarSource = 'setting' | 'bundled' | 'development';

export interface SidecarCandidate {
    path: string;
    source: SidecarSource;
}

export interface LocateOptions {
    /** `venvDoctor.sidecar.path`, when set. */
    override?: string;
    extensionPath: string;
    platform: NodeJS.Platform;
    exists: (file: string) => boolean;
}

export function sidecarCandidates(options: LocateOptions): SidecarCandidate[] {
    const exe = options.platform === 'win32' ? 'venv-sidecar.exe' : 'venv-sidecar';
    const candidates: SidecarCandidate[] = [];
    if (options.override && options.override.trim() !== '') {
        candidates.push({ path: options.override.trim(), source: 'setting' });
    }
    candidates.push({ path: path.join(options.extensionPath, 'server', exe), source: 'bundled' });
    const devBin = path.join(options.extensionPath, '..', 'server', 'VenvDoctor.Sidecar', 'bin');
    for (const configuration of ['Release', 'Debug']) {
        candidates.push({ path: path.join(devBin, configuration, 'net10.0', exe), source: 'development' });
    }
    return candidates;
}

export type LocateResult =
    | { found: true; candidate: SidecarCandidate }
    | { found: false; tried: SidecarCandidate[]; message: string };

/**
 * The first candidate that exists. An override that does not exist is an error of its own: silently falling back
 * to another binary would hide the user's mistake.
 */
export function locateSidecar(options: LocateOptions): LocateResult {
    const candidates = sidecarCandidates(options);
    const override = candidates.find((c) => c.source === 'setting');
    if (override) {
        return options.exists(override.path)
            ? { found: true, candidate: override }
            : {
                  found: false,
                  tried: [override],
                  message: `The sidecar set in venvDoctor.sidecar.path does not exist: ${override.path}`,
              };
    }
    const hit = candidates.find((c) => options.exists(c.path));
    if (hit) {
        return { found: true, candidate: hit };
    }
    return {
        found: false,
        tried: candidates,
        message: `The Venv Doctor sidecar was not found. Looked in: ${candidates.map((c) => c.path).join(', ')}`,
    };
}

/**
 * A sidecar unpacked from a VSIX can lose its execute bit on some systems; restore it (owner, group, others may
 * read and run) rather than fail to spawn with EACCES. Returns an error message when that is not possible.
 */
export function ensureExecutable(file: string, platform: NodeJS.Platform = process.platform): string | undefined {
    if (platform === 'win32') {
        return undefined;
    }
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return undefined;
    } catch {
        try {
            fs.chmodSync(file, fs.statSync(file).mode | 0o555);
            return undefined;
        } catch (error) {
            return `The sidecar ${file} is not executable and could not be made so: ${error instanceof Error ? error.message : String(error)}`;
        }
    }
}
