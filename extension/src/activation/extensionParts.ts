// Builds every long-lived part of the extension in one place, in dependency order, so the rest of activation only
// connects parts that already exist. Nothing here starts work: constructing a part is cheap and has no effect.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { OutputLogger } from '../common/outputLogger';
import { SECTION, VenvDoctorSettings, readSettings } from '../common/settings';
import { Strings } from '../common/strings';
import * as api from '../common/vscodeApi';
import { InterpreterSources, resolveActiveInterpreter } from '../features/activeInterpreter';
import { EnvironmentStore } from '../features/environmentStore';
import { BaseRemovedNotifier } from '../features/fleet/baseRemoved';
import { Notifier } from '../features/notifications';
import { writeInterpreterSetting } from '../features/repoint';
import { renderReport } from '../features/report';
import { Services } from '../features/services';
import { SettingExpansions } from '../features/settingExpansions';
import { SettingsDiagnostics } from '../features/settingsDiagnostics';
import { StatusBar } from '../features/statusBar';
import { StatusController } from '../features/statusController';
import { EnvironmentsView } from '../features/views/environmentsView';
import { ReportDocument } from '../features/views/reportView';
import { InterpreterChoice } from '../interpreters/interpreterChoice';
import { readInterpreterSetting } from '../interpreters/settingsBackend';
import { SessionState, SidecarSession } from '../sidecar/sidecarSession';
import { FootprintControl } from './footprintControl';
import { createSidecarSession } from './sidecarLaunch';

export interface ExtensionParts {
    channel: vscode.LogOutputChannel;
    logger: OutputLogger;
    /** Read afresh on each call: settings may change while the extension runs. */
    settings: () => VenvDoctorSettings;
    store: EnvironmentStore;
    interpreters: InterpreterChoice;
    sidecar: SidecarSession;
    /** What runs and how far it looks, from what the workspace holds; grows, never shrinks. */
    footprint: FootprintControl;
    services: Services;
    statusBar: StatusBar;
    status: StatusController;
    environmentsView: EnvironmentsView;
    report: ReportDocument;
    notifier: Notifier;
    /** One notification for all the environments of a base removed while open (features/fleet). */
    baseRemoved: BaseRemovedNotifier;
    diagnostics: SettingsDiagnostics;
}

export function createExtensionParts(context: vscode.ExtensionContext): ExtensionParts {
    const channel = api.createLogOutputChannel(Strings.outputChannel);
    const logger = new OutputLogger(channel);
    const settings = () => readSettings(api.getConfiguration(SECTION));
    const store = new EnvironmentStore();
    const sidecar = createSidecarSession(context, settings, logger, () => footprint.footprint);
    // Until the Python extensions' APIs have loaded (or are known absent), the setting answers; the sidecar writes it.
    const writeSetting = async (file: string, interpreterPath: string) => {
        await writeInterpreterSetting({ sidecar, workspaceState: context.workspaceState }, file, interpreterPath);
    };
    const interpreters = new InterpreterChoice(() => api.workspaceFolders().map((f) => f.uri), logger, undefined, writeSetting);
    // The status item is built just below; the footprint reaches it lazily.
    const footprint = new FootprintControl({ sidecar, settings, logger, showStatus: (visible) => statusBar.setVisible(visible) });
    // The services reach the status controller lazily: it is built from them just below.
    const services = createServices(context, { sidecar, store, logger, interpreters, settings, footprint }, () => status);
    const statusBar = new StatusBar();
    const expansions = new SettingExpansions(sidecar, logger, () => status.refresh(), () => sidecar.state === SessionState.Running);
    const sources = interpreterSources(interpreters, expansions);
    const status = new StatusController(services, sidecar, statusBar, sources);
    return {
        channel,
        logger,
        settings,
        store,
        interpreters,
        sidecar,
        footprint,
        services,
        statusBar,
        status,
        environmentsView: createEnvironmentsView(services, sidecar, sources, footprint),
        report: new ReportDocument(() =>
            renderReport({ environments: store.environments, interpreters: store.interpreters, settings: store.settings, skipped: store.skipped }),
        ),
        notifier: new Notifier(services),
        baseRemoved: new BaseRemovedNotifier(services),
        diagnostics: new SettingsDiagnostics(),
    };
}

type ServiceParts = Pick<ExtensionParts, 'sidecar' | 'store' | 'logger' | 'interpreters' | 'settings' | 'footprint'>;

function createServices(context: vscode.ExtensionContext, parts: ServiceParts, status: () => StatusController): Services {
    return {
        sidecar: parts.sidecar,
        store: parts.store,
        logger: parts.logger,
        workspaceState: context.workspaceState,
        interpreters: parts.interpreters,
        activeFolder: () => {
            const uri = api.activeTextEditorUri();
            return (uri && api.getWorkspaceFolder(uri)) ?? api.workspaceFolders()[0];
        },
        activeInterpreter: () => status().active,
        refreshStatus: () => status().refresh(),
        notificationsEnabled: () => parts.settings().notificationsEnabled,
        scanDepth: () => parts.footprint.footprint.scanDepth,
    };
}

/** Where each folder's chosen interpreter is read from: the backend's choice, then the setting. */
function interpreterSources(interpreters: InterpreterChoice, expansions: SettingExpansions): InterpreterSources {
    return {
        chosen: (folder) => interpreters.chosen(folder.fsPath),
        settingPath: (folder) => readInterpreterSetting(vscode.Uri.file(folder.fsPath)),
        expandSetting: (value, folder) => expansions.get(value, folder.fsPath),
        exists: (file) => fs.existsSync(file),
    };
}

function createEnvironmentsView(services: Services, sidecar: SidecarSession, sources: InterpreterSources, footprint: FootprintControl): EnvironmentsView {
    const store = services.store;
    return new EnvironmentsView(services, {
        session: sidecar,
        whenShown: () => footprint.need('view'),
        usedBy: (folder) =>
            resolveActiveInterpreter(folder, sources, { environments: store.environments, interpreters: store.interpreters, settings: store.settings })
                .interpreterPath,
    });
}
