// What Venv Doctor starts, and how far it looks, decided from what the workspace holds (README "What starts when").
// Pure: the evidence is gathered by activation/workspaceEvidence.ts and acted on by activation/footprintControl.ts.
//
// VS Code may activate us where Python is incidental: a Python file opened in a large JavaScript tree, a folder with
// a .vscode/settings.json that names no interpreter, or a workspaceContains search that gave up after 7 s (VS Code
// then activates every extension that asked). There the user must not pay for a deep walk and a share of their
// inotify watches, so the footprint starts small and only grows — when an environment appears or the user asks.
import type { InitializationOptions } from '../sidecar/protocol';
import { VenvDoctorSettings, toInitializationOptions } from '../common/settings';

/**
 * - `dormant`: nothing runs (no sidecar, no walk, no watch, no status item); the commands and the view are there.
 * - `light`: the sidecar runs; the workspace is walked and watched two levels deep (`.venv`, `pkg/.venv`): a few
 *   watches, where a full watch of a large tree takes thousands. An environment appearing there grows it.
 * - `full`: the workspace at any depth (or `venvDoctor.search.maxDepth`), watched live within the sidecar's budget.
 */
export type FootprintLevel = 'dormant' | 'light' | 'full';

/** Why the footprint is what it is: what was found in the workspace, or what the user did. */
export type FootprintReason =
    | 'environment' // a pyvenv.cfg anywhere, a .venv at a root, or an environment a light walk found
    | 'project' // pyproject.toml, requirements*.txt, setup.py, Pipfile, environment.yml at a root or one level down
    | 'interpreter-setting' // python.defaultInterpreterPath set in the folder's or workspace's settings
    | 'scan-requested' // the user ran Scan Workspace: they asked for the whole tree
    | 'python-file' // a Python file is open
    | 'view' // the Environments view was shown
    | 'command' // another Venv Doctor command was run
    | 'nothing'; // activated (settings.json, a search that timed out) but nothing Python-related is here

/** Folder levels a light walk looks at below each root: `.venv` (1) and `pkg/.venv` (2). */
export const LIGHT_DEPTH = 2;

const levelOfReason: Record<FootprintReason, FootprintLevel> = {
    environment: 'full',
    project: 'full',
    'interpreter-setting': 'full',
    'scan-requested': 'full',
    'python-file': 'light',
    view: 'light',
    command: 'light',
    nothing: 'dormant',
};

const rank: Record<FootprintLevel, number> = { dormant: 0, light: 1, full: 2 };

export function levelFor(reason: FootprintReason): FootprintLevel {
    return levelOfReason[reason];
}

/** The level after `reason`, or undefined when it asks for no more than `current` (a footprint never shrinks). */
export function grownLevel(current: FootprintLevel, reason: FootprintReason): FootprintLevel | undefined {
    const wanted = levelFor(reason);
    return rank[wanted] > rank[current] ? wanted : undefined;
}

export interface Footprint {
    level: FootprintLevel;
    /** Start the sidecar now (at `dormant`, only a command or the view starts it, and that grows the level first). */
    startSidecar: boolean;
    /** Folder levels walked below each root; null: any depth (pruned, as the CLI prunes). */
    scanDepth: number | null;
    /**
     * Whether the sidecar watches the roots live, as deep as it walks (within its own budget: a quarter of the
     * inotify limit, at most 32768; two levels of a tree need a few of them).
     */
    watch: boolean;
}

/** What a level starts, with the user's settings: their depth and `watch.enabled` are kept, never exceeded. */
export function footprintOf(level: FootprintLevel, settings: Pick<VenvDoctorSettings, 'maxDepth' | 'watch'>): Footprint {
    if (level === 'full') {
        return { level, startSidecar: true, scanDepth: settings.maxDepth, watch: settings.watch };
    }
    // Dormant never starts the sidecar by itself; should anything reach it, it starts as light does.
    const lightDepth = settings.maxDepth === null ? LIGHT_DEPTH : Math.min(settings.maxDepth, LIGHT_DEPTH);
    return { level, startSidecar: level === 'light', scanDepth: lightDepth, watch: settings.watch };
}

/** `initialize`'s options for this footprint: the settings' options, with the footprint's depth and watch. */
export function footprintInitializationOptions(footprint: Footprint, settings: VenvDoctorSettings): InitializationOptions {
    return { ...toInitializationOptions(settings), maxDepth: footprint.scanDepth, watch: footprint.watch };
}

/** One line for the log: what runs, and why. */
export function describeFootprint(footprint: Footprint, reason: FootprintReason): string {
    const why = reasonText[reason];
    if (footprint.level === 'dormant') {
        return `Footprint: dormant (${why}): no sidecar, no walk, no watch until a Python file, an environment or a Venv Doctor command appears.`;
    }
    const depth = footprint.scanDepth === null ? 'any depth' : `${footprint.scanDepth} level(s) deep`;
    const watch = footprint.watch ? 'and watched live' : 'not watched';
    return `Footprint: ${footprint.level} (${why}): workspace walked ${depth} ${watch}; machine environments listed when the view or the picker needs them.`;
}

const reasonText: Record<FootprintReason, string> = {
    environment: 'a Python environment is in the workspace',
    project: 'Python project files are in the workspace',
    'interpreter-setting': "the workspace's settings name a Python interpreter",
    'scan-requested': 'Scan Workspace was run',
    'python-file': 'a Python file is open',
    view: 'the Environments view was shown',
    command: 'a Venv Doctor command was run',
    nothing: 'nothing Python-related was found',
};
