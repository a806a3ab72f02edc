// The one place the extension asks which operating system it runs on, and what follows from it: how paths are
// written (separator, path functions), how they compare (case-insensitively on Windows and on macOS, whose default
// file systems ignore case; VS Code itself hands out `c:\…` where the sidecar says `C:\…`), where an environment
// keeps its interpreter (`Scripts\python.exe` on Windows, `bin/python` elsewhere), and which shell the user's
// terminal runs (commands shown to copy are quoted for it by the sidecar). Everything else asks `platform()`.
// Tests swap it (`usePlatform(platformFor('win32'))`), so Windows and macOS behaviour runs on Linux.
import * as nodePath from 'path';
import type { CommandShell } from '../sidecar/protocol';

export interface Platform {
    readonly os: NodeJS.Platform;
    /** Node's path functions for this OS's paths (`path.win32` on Windows). */
    readonly path: nodePath.PlatformPath;
    readonly sep: string;
    readonly caseInsensitive: boolean;
    /** The interpreter of the environment at `environment`: `Scripts\python.exe` on Windows, `bin/python` elsewhere. */
    interpreterOf(environment: string): string;
    /** Where an environment folder's interpreter may be, this OS's layout first (a Windows venv can be read anywhere). */
    interpreterCandidates(environment: string): string[];
    /** Whether two absolute paths name the same file, as this OS compares names (trailing separators ignored). */
    samePath(a: string, b: string): boolean;
    /** Whether `child` is `parent` or inside it. */
    isInside(child: string, parent: string): boolean;
    /** `~/…` for a path under `home`, else the path. */
    tildify(file: string, home: string): string;
    /** The shell a terminal runs, from the path of its executable (VS Code's default terminal profile). */
    shellOf(shellPath: string | undefined): CommandShell;
}

const shellsByName: Record<string, CommandShell> = {
    pwsh: 'powershell', powershell: 'powershell', cmd: 'cmd', fish: 'fish',
    bash: 'posix', zsh: 'posix', sh: 'posix', dash: 'posix', ksh: 'posix', mksh: 'posix',
};

export function platformFor(os: NodeJS.Platform): Platform {
    const windows = os === 'win32';
    const p = windows ? nodePath.win32 : nodePath.posix;
    const caseInsensitive = windows || os === 'darwin';
    const comparable = (file: string) => {
        const normal = windows ? file.replace(/\//g, '\\') : file;
        const trimmed = normal.length > p.parse(normal).root.length ? normal.replace(/[\\/]+$/, '') : normal;
        return caseInsensitive ? trimmed.toLowerCase() : trimmed;
    };
    const isInside = (child: string, parent: string) => {
        const c = comparable(child);
        const q = comparable(parent);
        return c === q || c.startsWith(q.endsWith(p.sep) ? q : q + p.sep);
    };
    return {
        os,
        path: p,
        sep: p.sep,
        caseInsensitive,
        interpreterOf: (environment) => (windows ? p.join(environment, 'Scripts', 'python.exe') : p.join(environment, 'bin', 'python')),
        interpreterCandidates: (environment) => {
            const both = [p.join(environment, 'bin', 'python'), p.join(environment, 'Scripts', 'python.exe')];
            return windows ? both.reverse() : both;
        },
        samePath: (a, b) => comparable(a) === comparable(b),
        isInside,
        tildify: (file, home) => (home && isInside(file, home) ? `~${file.slice(comparable(home).length)}` : file),
        shellOf: (shellPath) => {
            const name = shellPath ? p.basename(shellPath).toLowerCase().replace(/\.exe$/, '') : '';
            return shellsByName[name] ?? (windows ? 'powershell' : 'posix');
        },
    };
}

let current = platformFor(process.platform);

/** The platform the extension runs on (or the one a test put in its place). */
export function platform(): Platform {
    return current;
}

/** Puts `replacement` in place of the real platform; returns what puts the previous one back (tests only). */
export function usePlatform(replacement: Platform): () => void {
    const previous = current;
    current = replacement;
    return () => {
        current = previous;
    };
}
