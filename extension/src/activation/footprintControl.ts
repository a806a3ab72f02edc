// Holds the footprint (features/footprint.ts) for the session and acts on it: starts the sidecar when the level
// says so, restarts it with the larger footprint when the level grows, and listens for what makes it grow — a Python
// file opened, the interpreter setting being set, a folder with Python in it added, and, as a hint only, a pyvenv.cfg
// or project file appearing (VS Code's own watcher, which runs anyway, but which the e2e run under code-server saw
// report nothing). The view, the commands and an environment reaching the store while light (from the light walk or
// its two-level watch) grow it through need()/grow() from where they happen.
import * as vscode from 'vscode';
import { Disposable } from '../common/emitter';
import type { Logger } from '../common/logger';
import type { VenvDoctorSettings } from '../common/settings';
import { Footprint, FootprintLevel, FootprintReason, describeFootprint, footprintOf, grownLevel } from '../features/footprint';
import { ENVIRONMENT_FILE, PROJECT_FILES_GLOB, markersAt } from '../features/workspaceMarkers';
import { INTERPRETER_SETTING } from '../interpreters/settingsBackend';
import { SessionState, SidecarSession, errorText } from '../sidecar/sidecarSession';
import { gatherEvidence, isPythonFile, namesInterpreter } from './workspaceEvidence';

export interface FootprintParts {
    sidecar: SidecarSession;
    settings: () => VenvDoctorSettings;
    logger: Logger;
    /** The status item is shown from `light` on: a workspace without Python gets no Venv Doctor item. */
    showStatus: (visible: boolean) => void;
}

export class FootprintControl implements Disposable {
    private levelValue: FootprintLevel = 'dormant';
    /** The start or restart the last growth asked for (its failure is logged, never thrown here). */
    private settling: Promise<void> = Promise.resolve();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly parts: FootprintParts) {}

    get level(): FootprintLevel {
        return this.levelValue;
    }

    /** What runs now, with the current settings. */
    get footprint(): Footprint {
        return footprintOf(this.levelValue, this.parts.settings());
    }

    /** At activation: look at the workspace, start what its footprint needs, and listen for what would grow it. */
    async begin(): Promise<void> {
        this.disposables.push(...this.growthTriggers());
        const reason = await gatherEvidence();
        if (!this.grow(reason) && this.levelValue === 'dormant') {
            this.parts.showStatus(false);
            this.parts.logger.info(describeFootprint(this.footprint, reason));
        }
    }

    /** Grows the footprint for `reason` and waits until the sidecar it needs has (re)started, or failed to. */
    async need(reason: FootprintReason): Promise<void> {
        this.grow(reason);
        await this.settling;
    }

    /**
     * Grows the footprint for `reason` (never shrinks it): starts the sidecar, or restarts it with the larger
     * footprint (its depth and watching are read at initialize). True when the level changed.
     */
    grow(reason: FootprintReason): boolean {
        const next = grownLevel(this.levelValue, reason);
        if (!next) {
            return false;
        }
        this.levelValue = next;
        this.parts.logger.info(describeFootprint(this.footprint, reason));
        this.parts.showStatus(true);
        const { sidecar, logger } = this.parts;
        const report = (error: unknown) => logger.error(errorText(error));
        if (sidecar.state === SessionState.NotStarted) {
            this.settling = sidecar.start().catch(report);
        } else if (sidecar.state !== SessionState.Failed) {
            this.settling = sidecar.restart().catch(report); // a failed sidecar is restarted by the user, as before
        }
        return true;
    }

    /** VS Code's events that grow the footprint. Its file watchers share the workspace watcher VS Code runs anyway. */
    private growthTriggers(): vscode.Disposable[] {
        const environments = vscode.workspace.createFileSystemWatcher(`**/${ENVIRONMENT_FILE}`, false, true, true);
        const projects = (vscode.workspace.workspaceFolders ?? []).map((folder) =>
            vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, PROJECT_FILES_GLOB), false, true, true),
        );
        return [
            environments,
            environments.onDidCreate(() => this.grow('environment')),
            ...projects.flatMap((watcher) => [watcher, watcher.onDidCreate(() => this.grow('project'))]),
            vscode.workspace.onDidOpenTextDocument((document) => isPythonFile(document) && this.grow('python-file')),
            vscode.workspace.onDidChangeWorkspaceFolders((event) => {
                const added = event.added.filter((folder) => folder.uri.scheme === 'file');
                const marker = added.map((folder) => markersAt(folder.uri.fsPath)).find((m) => m !== undefined);
                if (marker) {
                    this.grow(marker);
                } else if (added.some(namesInterpreter)) {
                    this.grow('interpreter-setting');
                }
            }),
            vscode.workspace.onDidChangeConfiguration((event) => {
                const folders = vscode.workspace.workspaceFolders ?? [];
                if (event.affectsConfiguration(INTERPRETER_SETTING) && folders.some(namesInterpreter)) {
                    this.grow('interpreter-setting');
                }
            }),
        ];
    }

    dispose(): void {
        this.disposables.forEach((d) => d.dispose());
    }
}
