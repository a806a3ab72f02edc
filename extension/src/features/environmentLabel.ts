// How the status item names an environment so that the user knows which one it means. In a monorepo five folders
// may each hold a `.venv`; the name alone is then ambiguous, and the path relative to its workspace folder is not.
import { environmentName } from '../common/strings';
import type { FolderRef } from './activeInterpreter';
import { isInside } from './environmentStore';
import { platform } from '../common/platform';

/**
 * `.venv` when no other environment of the workspace has that name; else its path relative to its workspace folder
 * (`services/api/.venv`); in a multi-root workspace where that is ambiguous too, prefixed by the folder's name.
 */
export function environmentLabel(envPath: string, workspaceEnvironments: readonly string[], folders: readonly FolderRef[]): string {
    const name = environmentName(envPath);
    const namesakes = workspaceEnvironments.filter((other) => other !== envPath && environmentName(other) === name);
    if (namesakes.length === 0) {
        return name;
    }
    const relative = relativeLabel(envPath, folders);
    if (!namesakes.some((other) => relativeLabel(other, folders) === relative)) {
        return relative;
    }
    const owner = ownerOf(envPath, folders);
    return owner ? `${owner.name}/${relative}` : envPath;
}

function relativeLabel(envPath: string, folders: readonly FolderRef[]): string {
    const owner = ownerOf(envPath, folders);
    return owner ? platform().path.relative(owner.fsPath, envPath).split(platform().sep).join('/') || environmentName(envPath) : envPath;
}

/** The innermost workspace folder holding the path (folders may nest in a multi-root workspace). */
function ownerOf(envPath: string, folders: readonly FolderRef[]): FolderRef | undefined {
    return folders.filter((f) => isInside(envPath, f.fsPath)).sort((a, b) => b.fsPath.length - a.fsPath.length)[0];
}
