// Wiring only: create the parts, connect their events, register the commands. The logic lives in features/ and
// sidecar/, where it is tested without a VS Code host.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Disposable } from './common/emitter';
import { OutputLogger } from './common/outputLogger';
import { SECTION, SettingKeys, effectOfChange, readSettings, toInitializationOptions } from './common/settings';
import { Strings } from './common/strings';
import * as api from './common/vscodeApi';
import { CommandIds } from './features/commands';
import { InterpreterSources, resolveActiveInterpreter } from './features/activeInterpreter';
import { EnvironmentStore } from './features/environmentStore';
import { selectInterpreter } from './features/interpreterPicker';
import { Notifier } from './features/notifications';
import { recreateEnvironment, repairEnvironment, undoLastRepair } from './features/repair';
import { renderReport } from './features/report';
import { EnvironmentsView } from './features/views/environmentsView';
import { PLAN_SCHEME } from './features/views/planPreview';
import { planDocuments } from './features/views/repairPreview';
import { REPORT_SCHEME, ReportDocument, reportPreviews } from './features/views/reportView';
import { forgetMachineScan, scanWorkspace } from './features/scan';
import { Services } from './features/services';
import { SettingsDiagnostics } from './features/settingsDiagnostics';
import { StatusBar } from './features/statusBar';
import { StatusController } from './features/statusController';
import { InterpreterChoice, chooseBackend, publishedApis } from './interpreters/interpreterChoice';
import { readInterpreterSetting } from './interpreters/settingsBackend';
import { ClientNotifications, Environment, Notifications } from './sidecar/protocol';
import { ensureExecutable, locateSidecar } from './sidecar/sidecarLocator';
import { SessionState, SidecarSession, errorText } from './sidecar/sidecarSession';

let session: SidecarSession | undefined;

/** What other extensions (and the end-to-end tests) can ask of Venv Doctor: `extensions.getExtension(id).exports`. */
export interface VenvDoctorApi {
    /** Every environment currently known (workspace, and machine once the picker has listed it). */
    getEnvironments(): Environment[];
}

export function activate(context: vscode.ExtensionContext): VenvDoctorApi {
    const channel = api.createLogOutputChannel(Strings.outputChannel);
    const logger = new OutputLogger(channel);
    const settings = () => readSettings(api.getConfiguration(SECTION));
    const store = new EnvironmentStore();
    // Until the Python extensions' APIs have loaded (or are known absent), the setting answers.
    const interpreters = new InterpreterChoice(() => api.workspaceFolders().map((f) => f.uri), logger);

    session = new SidecarSession({
        command: () => {
            const located = locateSidecar({
                override: settings().sidecarPath,
                extensionPath: context.extensionPath,
                platform: process.platform,
                exists: (file) => fs.existsSync(file),
            });
            if (!located.found) {
                return new Error(located.message);
            }
            const notExecutable = ensureExecutable(located.candidate.path);
            return notExecutable ? new Error(notExecutable) : { command: located.candidate.path, args: ['serve'] };
        },
        initializeParams: () => ({
            processId: process.pid,
            clientInfo: { name: 'Venv Doctor for VS Code', version: context.extension.packageJSON.version },
            rootUri: api.workspaceFolders()[0]?.uri.toString() ?? null,
            workspaceFolders: api.workspaceFolders().map((f) => ({ uri: f.uri.toString(), name: f.name })),
            capabilities: { window: { workDoneProgress: true } },
            initializationOptions: toInitializationOptions(settings()),
            trace: settings().trace,
        }),
        logger,
        trace: settings().trace,
        requestTimeoutMs: () => settings().requestTimeoutMs,
    });
    const sidecar = session;

    const services: Services = {
        sidecar,
        store,
        logger,
        workspaceState: context.workspaceState,
        interpreters,
        activeFolder: () => {
            const uri = api.activeTextEditorUri();
            return (uri && api.getWorkspaceFolder(uri)) ?? api.workspaceFolders()[0];
        },
        activeInterpreter: () => status.active,
        refreshStatus: () => status.refresh(),
        notificationsEnabled: () => settings().notificationsEnabled,
    };
    const statusBar = new StatusBar();
    const interpreterSources: InterpreterSources = {
        chosen: (folder) => interpreters.chosen(folder.fsPath),
        settingPath: (folder) => readInterpreterSetting(vscode.Uri.file(folder.fsPath)),
        exists: (file) => fs.existsSync(file),
    };
    const status = new StatusController(services, sidecar, statusBar, interpreterSources);
    const environmentsView = new EnvironmentsView(services, {
        session: sidecar,
        usedBy: (folder) =>
            resolveActiveInterpreter(folder, interpreterSources, { environments: store.environments, interpreters: store.interpreters, settings: store.settings })
                .interpreterPath,
    });
    const report = new ReportDocument(() =>
        renderReport({ environments: store.environments, interpreters: store.interpreters, settings: store.settings, skipped: store.skipped }),
    );
    const notifier = new Notifier(services);
    const diagnostics = new SettingsDiagnostics();
    let diagnosedSettings = store.settings;

    // Notifications wait for their answer: neither may hold up the other, nor the scan that raised them.
    const checkFolderInterpreters = (): void => {
        status.refresh();
        void notifier.onFolderInterpreters(status.everyFolder(), (environment) => status.label(environment));
    };
    const afterScan = (): void => {
        void notifier.onSettings(store.settings);
        checkFolderInterpreters();
    };
    const rescan = async (): Promise<void> => {
        if (await scanWorkspace(services)) {
            afterScan();
        }
    };

    const subscriptions: Disposable[] = [
        channel,
        statusBar,
        diagnostics,
        sidecar,
        environmentsView,
        api.registerTextDocumentContentProvider(REPORT_SCHEME, reportPreviews),
        api.registerTextDocumentContentProvider(PLAN_SCHEME, planDocuments),
        store.onDidChange(() => {
            status.refresh();
            if (store.settings !== diagnosedSettings) {
                diagnosedSettings = store.settings; // settings files are read only when the sidecar's view of them changes
                diagnostics.update(store.settings);
            }
        }),
        sidecar.onDidChangeState(() => status.refresh()),
        interpreters,
        interpreters.onDidChange(checkFolderInterpreters),
        sidecar.onDidStart(() => {
            forgetMachineScan();
            void rescan();
        }),
        sidecar.onDidReportProblem(async (problem) => {
            const show = problem.final ? api.showErrorMessage : api.showWarningMessage;
            const choice = await show(problem.message, Strings.showLog, ...(problem.final ? [Strings.restartSidecar] : []));
            if (choice === Strings.showLog) {
                channel.show();
            } else if (choice === Strings.restartSidecar) {
                await sidecar.restart().catch((error) => logger.error(errorText(error)));
            }
        }),
        sidecar.onNotification(Notifications.found, (p) => store.upsert(p.environment)),
        sidecar.onNotification(Notifications.added, (p) => store.upsert(p.environment)),
        sidecar.onNotification(Notifications.changed, (p) => {
            store.upsert(p.environment);
            checkFolderInterpreters();
        }),
        sidecar.onNotification(Notifications.removed, (p) => store.remove(p.path)),
        sidecar.onNotification(Notifications.moved, (p) => {
            environmentsView.onMoved(p);
            store.move(p);
            void notifier.onMoved(p);
        }),
        sidecar.onNotification(Notifications.watchDegraded, (p) =>
            logger.warn(`Watching ${p.root} is degraded (${p.reason}); changes there are noticed on the next scan.`),
        ),
        sidecar.onNotification(Notifications.watchRecovered, (p) => logger.info(`Watching ${p.root} live again.`)),
        api.registerCodeActionsProvider(SettingsDiagnostics.selector, diagnostics, {
            providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
        }),
        // Returns what the scan found, for callers of executeCommand.
        api.registerCommand(CommandIds.scanWorkspace, async () => {
            await rescan();
            return { environments: store.environments };
        }),
        api.registerCommand(CommandIds.selectInterpreter, () => selectInterpreter(services)),
        api.registerCommand(CommandIds.repairEnvironment, (envPath) => repairEnvironment(services, asPath(envPath))),
        api.registerCommand(CommandIds.recreateEnvironment, (envPath) => recreateEnvironment(services, asPath(envPath))),
        api.registerCommand(CommandIds.undoLastRepair, () => undoLastRepair(services)),
        api.registerCommand(CommandIds.showReport, () => report.show()),
        api.registerCommand(CommandIds.copyReport, () => report.copy()),
        api.registerCommand(CommandIds.showLog, () => channel.show()),
        api.registerCommand(CommandIds.restartSidecar, () => sidecar.restart().catch((error) => logger.error(errorText(error)))),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration('python.defaultInterpreterPath')) {
                status.refresh();
                void rescan(); // the sidecar re-checks the settings files
            }
            switch (effectOfChange((key) => event.affectsConfiguration(key))) {
                case 'restart':
                    logger.info('Search settings changed; restarting the sidecar.');
                    void sidecar.restart().catch((error) => logger.error(errorText(error)));
                    break;
                case 'trace':
                    sidecar.setTrace(settings().trace);
                    break;
            }
            if (event.affectsConfiguration(`${SECTION}.${SettingKeys.notifications}`)) {
                logger.info(`Notifications ${settings().notificationsEnabled ? 'on' : 'off'}.`);
            }
        }),
        vscode.workspace.onDidChangeWorkspaceFolders((event) => {
            void interpreters.refresh();
            const method = ClientNotifications.didChangeWorkspaceFolders.method;
            if (sidecar.serves(method)) {
                const ref = (f: vscode.WorkspaceFolder) => ({ uri: f.uri.toString(), name: f.name });
                sidecar.notify(ClientNotifications.didChangeWorkspaceFolders, { event: { added: event.added.map(ref), removed: event.removed.map(ref) } });
                void rescan();
            } else {
                // This sidecar learns its roots only at initialize.
                void sidecar.restart().catch((error) => logger.error(errorText(error)));
            }
        }),
        ...watchEnvironmentFiles(sidecar),
        vscode.window.onDidChangeActiveTextEditor(() => status.refresh()),
    ];
    context.subscriptions.push(...subscriptions);

    // Cheap UI first; the Python extensions' APIs and the sidecar come up after, and neither blocks the other.
    status.refresh();
    void chooseBackend(publishedApis, logger)
        .then(async (backend) => {
            await interpreters.use(backend);
            logger.info(`Reading and setting interpreters through ${backendNames[backend.kind]}.`);
            status.refresh();
        })
        .catch((error) => logger.warn(`Choosing the interpreter backend failed: ${errorText(error)}`));
    void sidecar.start().catch((error) => logger.error(errorText(error)));
    return { getEnvironments: () => store.environments };
}

export async function deactivate(): Promise<void> {
    if (session && session.state !== SessionState.NotStarted) {
        await session.stop();
    }
}

/**
 * VS Code's own watcher sees pyvenv.cfg files appear, change and vanish; passed on as a hint to the sidecar's
 * watcher, which may be over its watch budget or on a file system it cannot watch.
 */
function watchEnvironmentFiles(sidecar: SidecarSession): Disposable[] {
    const watcher = api.createFileSystemWatcher('**/pyvenv.cfg');
    const forward = (type: 1 | 2 | 3) => (uri: vscode.Uri) => {
        if (sidecar.serves(ClientNotifications.didChangeWatchedFiles.method)) {
            sidecar.notify(ClientNotifications.didChangeWatchedFiles, { changes: [{ uri: uri.toString(), type }] });
        }
    };
    return [watcher, watcher.onDidCreate(forward(1)), watcher.onDidChange(forward(2)), watcher.onDidDelete(forward(3))];
}

const backendNames = {
    'python-environments': 'the Python Environments extension',
    'python-extension': 'the Python extension',
    settings: 'python.defaultInterpreterPath',
} as const;

/** Commands get an environment path from other callers (tests, menus); the palette passes nothing. */
function asPath(value: unknown): string | undefined {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
