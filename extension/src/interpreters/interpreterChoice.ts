// The one module that decides which backend says which interpreter a workspace folder uses, and changes it: the
// Python Environments extension when it is installed (it owns the selection in current VS Code), else the Python
// extension, else python.defaultInterpreterPath. The rest of the extension asks InterpreterChoice and never knows
// which backend answered. Venv Doctor does not register an environment manager of its own: the Python extensions
// already list these venvs, and a second manager would list each one twice.
import { PythonEnvironments } from '@vscode/python-environments';
import { PythonExtension } from '@vscode/python-extension';
import type * as vscode from 'vscode';
import { Disposable, Emitter, Event } from '../common/emitter';
import type { Logger } from '../common/logger';
import * as api from '../common/vscodeApi';
import { BackendKind, InterpreterBackend } from './interpreterBackend';
import { PythonEnvironmentsBackend, PythonEnvironmentsSelectionApi } from './pythonEnvironmentsBackend';
import { PythonExtensionBackend, PythonExtensionEnvironmentsApi } from './pythonExtensionBackend';
import { SettingFileWriter, SettingsBackend, noSettingWriter } from './settingsBackend';

export const PYTHON_ENVIRONMENTS_EXTENSION_ID = 'ms-python.vscode-python-envs';
export const PYTHON_EXTENSION_ID = 'ms-python.python';

/** How each backend's API is reached; the published packages in the product, fakes in tests. */
export interface BackendLoaders {
    isInstalled(extensionId: string): boolean;
    pythonEnvironments(): Promise<PythonEnvironmentsSelectionApi>;
    pythonExtension(): Promise<PythonExtensionEnvironmentsApi>;
}

export const publishedApis: BackendLoaders = {
    isInstalled: (id) => api.isExtensionInstalled(id),
    pythonEnvironments: () => PythonEnvironments.api(),
    pythonExtension: async () => (await PythonExtension.api()).environments,
};

/** The first backend whose extension is installed and whose API loads; the setting (written by `writeSetting`) always works. */
export async function chooseBackend(loaders: BackendLoaders, logger: Logger, writeSetting: SettingFileWriter = noSettingWriter): Promise<InterpreterBackend> {
    if (loaders.isInstalled(PYTHON_ENVIRONMENTS_EXTENSION_ID)) {
        try {
            return new PythonEnvironmentsBackend(await loaders.pythonEnvironments());
        } catch (error) {
            logger.warn(`The Python Environments extension's API is unavailable (${oneLine(error)}); trying the Python extension.`);
        }
    }
    if (loaders.isInstalled(PYTHON_EXTENSION_ID)) {
        try {
            return new PythonExtensionBackend(await loaders.pythonExtension());
        } catch (error) {
            logger.warn(`The Python extension's API is unavailable (${oneLine(error)}); using python.defaultInterpreterPath.`);
        }
    }
    return new SettingsBackend(writeSetting);
}

/** A folder's choice as the backend reported it. */
export interface Chosen {
    path: string;
    by: BackendKind;
}

/**
 * The current backend and, per workspace folder, its last answer. Backends answer asynchronously (the Python
 * Environments API is async) while the status bar redraws synchronously, so answers are kept here and re-read
 * when a backend says the choice changed, when folders change, and after a re-point.
 */
export class InterpreterChoice implements Disposable {
    private backend: InterpreterBackend;
    private subscription: Disposable;
    private readonly answers = new Map<string, string | undefined>();
    private readonly changed = new Emitter<void>();
    private reading = 0;

    /** Fires when any folder's choice changed. */
    readonly onDidChange: Event<void> = this.changed.event;

    /**
     * @param writeSetting the one editor of python.defaultInterpreterPath in a settings file (the sidecar's), for
     * the settings backend and for `fixSetting`.
     */
    constructor(
        private readonly folders: () => readonly vscode.Uri[],
        private readonly logger: Logger,
        backend?: InterpreterBackend,
        readonly writeSetting: SettingFileWriter = noSettingWriter,
    ) {
        this.backend = backend ?? new SettingsBackend(writeSetting);
        this.subscription = this.follow(this.backend);
    }

    get kind(): BackendKind {
        return this.backend.kind;
    }

    /** Switches to `backend` (once its API has loaded) and reads every folder's choice from it. */
    async use(backend: InterpreterBackend): Promise<void> {
        this.subscription.dispose();
        this.backend = backend;
        this.subscription = this.follow(backend);
        this.answers.clear();
        await this.refresh();
    }

    /** The backend's last answer for a folder (its fsPath), undefined when nothing is chosen or not read yet. */
    chosen(folder: string): Chosen | undefined {
        const answer = this.answers.get(folder);
        return answer ? { path: answer, by: this.backend.kind } : undefined;
    }

    /** Re-reads every folder's choice; fires onDidChange when one differs. A backend that fails is logged. */
    async refresh(): Promise<void> {
        const reading = ++this.reading;
        const backend = this.backend;
        const folders = this.folders();
        const answers = await Promise.all(
            folders.map((uri) =>
                backend.getSelected(uri).catch((error) => {
                    this.logger.warn(`Reading the interpreter of ${uri.fsPath} failed: ${oneLine(error)}`);
                    return undefined;
                }),
            ),
        );
        if (reading !== this.reading || backend !== this.backend) {
            return; // a newer read is under way; its answers win
        }
        let differs = folders.length !== this.answers.size;
        const next = new Map(folders.map((uri, i) => [uri.fsPath, answers[i]] as const));
        for (const [folder, answer] of next) {
            differs ||= this.answers.get(folder) !== answer;
        }
        this.answers.clear();
        next.forEach((answer, folder) => this.answers.set(folder, answer));
        if (differs) {
            this.changed.fire();
        }
    }

    /**
     * Makes `interpreterPath` the folder's interpreter through the backend. `fixSetting` also rewrites a stale
     * python.defaultInterpreterPath, which the Python extensions keep apart from their own choice.
     */
    async select(folder: vscode.Uri, interpreterPath: string, options: { fixSetting?: boolean } = {}): Promise<BackendKind> {
        await this.backend.select(folder, interpreterPath);
        if (options.fixSetting && this.backend.kind !== 'settings') {
            await new SettingsBackend(this.writeSetting).select(folder, interpreterPath);
        }
        await this.refresh();
        return this.backend.kind;
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }

    private follow(backend: InterpreterBackend): Disposable {
        return backend.onDidChangeSelected(() => void this.refresh());
    }
}

function oneLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0];
}
