// Decides what the status item shows, whenever anything it depends on changes: the store, the session state, the
// active editor's folder, the interpreter backend's choice, python.defaultInterpreterPath. Also resolves every
// workspace folder's interpreter, so each folder's health is tracked in a multi-root workspace.
import * as api from '../common/vscodeApi';
import { ActiveInterpreter, FolderRef, InterpreterSources, Known, resolveActiveInterpreter } from './activeInterpreter';
import { environmentLabel } from './environmentLabel';
import { isInside } from './environmentStore';
import { toFolderRef } from './interpreterPicker';
import { Services } from './services';
import { StatusView, statusView } from './statusBar';
import { Environment } from '../sidecar/protocol';
import { SessionState } from '../sidecar/sidecarSession';

export interface SessionStatus {
    readonly state: SessionState;
    readonly lastFailure: string | undefined;
}

export class StatusController {
    private lastActive: ActiveInterpreter = { source: 'none', missing: false };

    constructor(
        private readonly services: Services,
        private readonly session: SessionStatus,
        private readonly statusBar: { render(view: StatusView): void },
        private readonly sources: InterpreterSources,
        private readonly folders: () => FolderRef[] = () => api.workspaceFolders().map(toFolderRef),
    ) {}

    get active(): ActiveInterpreter {
        return this.lastActive;
    }

    /** The status item follows the active editor's folder. */
    refresh(): ActiveInterpreter {
        const folder = this.services.activeFolder();
        const { store } = this.services;
        const folders = this.folders();
        this.lastActive = resolveActiveInterpreter(folder ? toFolderRef(folder) : undefined, this.sources, this.known());
        this.statusBar.render(
            statusView({
                active: this.lastActive,
                workspaceEnvironments: this.workspaceEnvironments(folders),
                folders,
                scanning: store.scanning,
                sessionState: this.session.state,
                sessionFailure: this.session.lastFailure,
            }),
        );
        return this.lastActive;
    }

    /** Every workspace folder's interpreter (for the notifications: a broken one is announced whichever is active). */
    everyFolder(): ActiveInterpreter[] {
        const known = this.known();
        return this.folders().map((folder) => resolveActiveInterpreter(folder, this.sources, known));
    }

    /** How the status item names an environment (its path in the folder when the name alone is ambiguous). */
    label(environment: Environment): string {
        const folders = this.folders();
        return environmentLabel(environment.path, this.workspaceEnvironments(folders), folders);
    }

    private workspaceEnvironments(folders: FolderRef[]): string[] {
        return this.services.store.environments.map((e) => e.path).filter((p) => folders.some((f) => isInside(p, f.fsPath)));
    }

    private known(): Known {
        const { store } = this.services;
        return { environments: store.environments, interpreters: store.interpreters, settings: store.settings };
    }
}
