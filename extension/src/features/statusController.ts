// Decides what the status item shows, whenever anything it depends on changes: the store, the session state, the
// active editor's folder, the Python extension's choice, python.defaultInterpreterPath.
import { ActiveInterpreter, InterpreterSources, resolveActiveInterpreter } from './activeInterpreter';
import { toFolderRef } from './interpreterPicker';
import { Services } from './services';
import { StatusView, statusView } from './statusBar';
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
    ) {}

    get active(): ActiveInterpreter {
        return this.lastActive;
    }

    refresh(): ActiveInterpreter {
        const folder = this.services.activeFolder();
        const { store } = this.services;
        this.lastActive = resolveActiveInterpreter(folder ? toFolderRef(folder) : undefined, this.sources, {
            environments: store.environments,
            interpreters: store.interpreters,
            settings: store.settings,
        });
        this.statusBar.render(
            statusView({
                active: this.lastActive,
                scanning: store.scanning,
                sessionState: this.session.state,
                sessionFailure: this.session.lastFailure,
            }),
        );
        return this.lastActive;
    }
}
