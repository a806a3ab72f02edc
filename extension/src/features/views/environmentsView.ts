// The "Python Environments Health" view in the Explorer: creates the tree, keeps it live (store changes, moves,
// scan progress, the welcome content's context keys) and registers the actions its items offer. The actions are
// the palette's commands, called with the item's environment.
import * as vscode from 'vscode';
import { Disposable, Event } from '../../common/emitter';
import * as api from '../../common/vscodeApi';
import { MovedNotification } from '../../sidecar/protocol';
import { SessionState } from '../../sidecar/sidecarSession';
import { FolderRef } from '../activeInterpreter';
import { isInside } from '../environmentStore';
import { LAST_REPAIR_KEY, LastRepair, makeRelocatable, recreateEnvironment, repairEnvironment, undoLastRepair } from '../repair';
import { repointInterpreter } from '../repoint';
import { scanMachine } from '../scan';
import { Services } from '../services';
import { EnvironmentNode, SuggestionNode, TreeNode, TreeState, workspaceIsEmpty } from './environmentTreeModel';
import { EnvironmentTreeProvider } from './environmentTreeProvider';
import { platform } from '../../common/platform';

export const VIEW_ID = 'venvDoctor.environments';

/** Commands only the view's items call (hidden from the palette: each needs an item). */
export const ViewCommandIds = {
    repair: 'venvDoctor.view.repair',
    applySuggestion: 'venvDoctor.view.applySuggestion',
    useAsInterpreter: 'venvDoctor.view.useAsInterpreter',
    recreate: 'venvDoctor.view.recreate',
    makeRelocatable: 'venvDoctor.view.makeRelocatable',
    undoLastRepair: 'venvDoctor.view.undoLastRepair',
    reveal: 'venvDoctor.view.reveal',
    copyInterpreterPath: 'venvDoctor.view.copyInterpreterPath',
} as const;

/** Context keys the view's welcome content depends on (package.json viewsWelcome). */
export const ContextKeys = {
    sidecarState: 'venvDoctor.sidecarState',
    /** `scanning` until the first scan ends (so "nothing found" never shows before anything was looked for), then `empty` or `found`. */
    workspace: 'venvDoctor.workspace',
} as const;

export interface SessionView {
    readonly state: SessionState;
    readonly onDidChangeState: Event<unknown>;
}

export interface ViewDependencies {
    session: SessionView;
    /** The interpreter a folder uses, resolved as the status bar does. */
    usedBy(folder: FolderRef): string | undefined;
    /** The view is on screen: grow what runs to what the view needs (the footprint), before it asks the sidecar. */
    whenShown?(): Promise<void>;
}

export function treeState(services: Services, usedBy: (folder: FolderRef) => string | undefined): TreeState {
    return {
        folders: api.workspaceFolders().map((f) => ({ name: f.name, fsPath: f.uri.fsPath })),
        environments: services.store.environments,
        interpreters: services.store.interpreters,
        usedBy,
        lastRepairPath: services.workspaceState.get<LastRepair | undefined>(LAST_REPAIR_KEY, undefined)?.path,
    };
}

export class EnvironmentsView implements Disposable {
    private readonly provider: EnvironmentTreeProvider;
    private readonly disposables: Disposable[] = [];
    private endProgress: (() => void) | undefined;
    private readonly contextValues = new Map<string, unknown>();
    private wasScanning = false;
    private scanEnded = false;

    constructor(
        private readonly services: Services,
        private readonly deps: ViewDependencies,
    ) {
        const state = () => treeState(services, deps.usedBy);
        this.provider = new EnvironmentTreeProvider(state, () => deps.session.state === SessionState.Running);
        const view = api.createTreeView<TreeNode>(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
        this.disposables.push(
            this.provider,
            view,
            view.onDidExpandElement((e) => this.provider.setExpanded(e.element, true)),
            view.onDidCollapseElement((e) => this.provider.setExpanded(e.element, false)),
            // "This machine" and "Installed Pythons" need the machine scan; it runs once, when the view is first seen.
            view.onDidChangeVisibility((e) => e.visible && void this.shown()),
            services.store.onDidChange(() => this.update()),
            deps.session.onDidChangeState(() => this.update()),
            ...this.registerCommands(),
        );
        if (view.visible) {
            void this.shown();
        }
        this.update();
    }

    private async shown(): Promise<void> {
        await this.deps.whenShown?.();
        await scanMachine(this.services);
    }

    /** The tree, and what shows while it is empty or busy. */
    update(): void {
        this.provider.refresh();
        const scanning = this.services.store.scanning;
        this.scanEnded ||= this.wasScanning && !scanning;
        this.wasScanning = scanning;
        const empty = workspaceIsEmpty(treeState(this.services, this.deps.usedBy));
        this.setContext(ContextKeys.sidecarState, this.deps.session.state);
        this.setContext(ContextKeys.workspace, !empty ? 'found' : this.scanEnded ? 'empty' : 'scanning');
        this.showScanProgress(scanning);
    }

    onMoved(event: MovedNotification): void {
        this.provider.onMoved(event);
    }

    dispose(): void {
        this.endProgress?.();
        this.disposables.forEach((d) => d.dispose());
    }

    private showScanProgress(scanning: boolean): void {
        if (scanning && !this.endProgress) {
            void api.withProgress({ location: { viewId: VIEW_ID } }, () => new Promise<void>((resolve) => (this.endProgress = resolve)));
        } else if (!scanning && this.endProgress) {
            this.endProgress();
            this.endProgress = undefined;
        }
    }

    private setContext(key: string, value: unknown): void {
        if (this.contextValues.get(key) !== value) {
            this.contextValues.set(key, value);
            void api.executeCommand('setContext', key, value);
        }
    }

    private registerCommands(): Disposable[] {
        const services = this.services;
        const onEnvironment = (handler: (node: EnvironmentNode) => unknown) => (node: unknown) =>
            isEnvironmentNode(node) ? handler(node) : undefined;
        return [
            api.registerCommand(ViewCommandIds.repair, onEnvironment((node) =>
                repairEnvironment(services, node.environment.path, node.environment.suggestions?.[0]?.action))),
            api.registerCommand(ViewCommandIds.applySuggestion, (node) =>
                isSuggestionNode(node) ? repairEnvironment(services, node.environment.path, node.suggestion.action) : undefined),
            api.registerCommand(ViewCommandIds.recreate, onEnvironment((node) => recreateEnvironment(services, node.environment.path))),
            api.registerCommand(ViewCommandIds.makeRelocatable, onEnvironment((node) => makeRelocatable(services, node.environment.path))),
            api.registerCommand(ViewCommandIds.undoLastRepair, () => undoLastRepair(services)),
            api.registerCommand(ViewCommandIds.useAsInterpreter, onEnvironment((node) => useAsInterpreter(services, node))),
            api.registerCommand(ViewCommandIds.reveal, onEnvironment((node) => revealEnvironment(node))),
            api.registerCommand(ViewCommandIds.copyInterpreterPath, onEnvironment((node) =>
                api.writeClipboard(node.environment.interpreter ?? platform().interpreterOf(node.environment.path)))),
        ];
    }
}

/** Sets the interpreter of the item's folder (or, for a machine environment, of the active folder). */
export async function useAsInterpreter(services: Services, node: EnvironmentNode): Promise<void> {
    const folders = api.workspaceFolders();
    const folder = folders.find((f) => node.folder && f.uri.fsPath === node.folder.fsPath) ?? services.activeFolder();
    if (!folder) {
        return;
    }
    const interpreter = node.environment.interpreter ?? node.environment.path;
    // repointInterpreter tells the user itself when the backend refuses; undefined then.
    const via = await repointInterpreter(services, folder, interpreter);
    if (via === undefined) {
        return;
    }
    services.logger.info(`${folder.name}: interpreter set to ${interpreter} (via ${via})`);
    services.refreshStatus();
    services.store.upsert(node.environment); // redraws the view with the new selection
}

/** In the Explorer when the environment is in the workspace, else in the system's file manager. */
export function revealEnvironment(node: EnvironmentNode): Thenable<unknown> {
    const uri = vscode.Uri.file(node.environment.path);
    const inWorkspace = api.workspaceFolders().some((f) => isInside(node.environment.path, f.uri.fsPath));
    return api.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', uri);
}

function isEnvironmentNode(node: unknown): node is EnvironmentNode {
    return typeof node === 'object' && node !== null && (node as TreeNode).kind === 'environment';
}

function isSuggestionNode(node: unknown): node is SuggestionNode {
    return typeof node === 'object' && node !== null && (node as TreeNode).kind === 'suggestion';
}
