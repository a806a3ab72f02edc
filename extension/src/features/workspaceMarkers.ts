// The files that say a folder is a Python workspace, and a bounded look for them at a root and one level down.
// The manifest's `workspaceContains` activation events name the same files (a unit test holds them together).
import * as fs from 'fs';
import * as path from 'path';
import type { FootprintReason } from './footprint';

/** A venv at any depth is this extension's business: its config file. */
export const ENVIRONMENT_FILE = 'pyvenv.cfg';
/** The usual in-project environment folder. */
export const ENVIRONMENT_FOLDER = '.venv';
/** Python project files, looked for at a root and one level down (`requirements*.txt` is a pattern). */
export const PROJECT_FILES = ['pyproject.toml', 'setup.py', 'Pipfile', 'environment.yml'] as const;
export const REQUIREMENTS = /^requirements.*\.txt$/;

/** Glob of the project files at a root or one level down, for a file watcher relative to a workspace folder. */
export const PROJECT_FILES_GLOB = `{${[...PROJECT_FILES, 'requirements*.txt'].flatMap((name) => [name, `*/${name}`]).join(',')}}`;

/** Child folders looked into one level down: a workspace with more is looked at for its first ones only. */
export const MAX_CHILD_FOLDERS = 2000;
/** Never looked into: they hold other ecosystems' files, never a project's own. */
const SKIPPED_CHILDREN = new Set(['node_modules', '.git', '.hg', '.svn']);

/** What a root and its direct child folders hold: `environment` (a `.venv`), `project`, or nothing. */
export function markersAt(root: string): FootprintReason | undefined {
    if (isFolder(path.join(root, ENVIRONMENT_FOLDER))) {
        return 'environment';
    }
    const entries = readFolder(root);
    if (entries.some(isProjectFile)) {
        return 'project';
    }
    const children = entries.filter((e) => e.isDirectory() && !SKIPPED_CHILDREN.has(e.name)).slice(0, MAX_CHILD_FOLDERS);
    for (const child of children) {
        const inner = readFolder(path.join(root, child.name));
        if (inner.some((e) => e.name === ENVIRONMENT_FOLDER && e.isDirectory())) {
            return 'environment';
        }
        if (inner.some(isProjectFile)) {
            return 'project';
        }
    }
    return undefined;
}

function isProjectFile(entry: fs.Dirent): boolean {
    return entry.isFile() && ((PROJECT_FILES as readonly string[]).includes(entry.name) || REQUIREMENTS.test(entry.name));
}

/** Symlinks are not followed (a dirent of a link is neither a file nor a folder): the workspace is untrusted. */
function readFolder(folder: string): fs.Dirent[] {
    try {
        return fs.readdirSync(folder, { withFileTypes: true });
    } catch {
        return []; // unreadable or gone: nothing found there
    }
}

/** A `.venv` link to a folder counts, as it does for VS Code's `workspaceContains:.venv` (a stat, nothing read). */
function isFolder(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}
