// The three notifications: an environment moved; a folder's interpreter is broken or has a warning; the saved
// interpreter path is gone and the environment that was there is found elsewhere. Each condition has a key; a
// dismissed notification is remembered in workspaceState under that key and not shown again, and one that is
// showing is not repeated. venvDoctor.notifications.enabled turns them all off.
import { Strings, environmentName } from '../common/strings';
import * as api from '../common/vscodeApi';
import { Environment, InterpreterSetting, MovedNotification, RepairActions } from '../sidecar/protocol';
import { ActiveInterpreter } from './activeInterpreter';
import { isInside } from './environmentStore';
import { repairEnvironment } from './repair';
import { renderReport } from './report';
import { reportPreviews } from './views/reportView';
import { repointInterpreter } from './repoint';
import { selectedInterpreterNotice } from './selectedInterpreterNotice';
import { Services } from './services';
import { selectInterpreter } from './interpreterPicker';
import { platform } from '../common/platform';

export const DISMISSED_KEY = 'venvDoctor.dismissedNotifications';

export const ConditionKeys = {
    moved: (from: string, to: string) => `moved:${from}->${to}`,
    staleSetting: (setting: InterpreterSetting) => `stale-setting:${setting.file}:${setting.value}->${setting.suggestion}`,
};

export class Notifier {
    private readonly showing = new Set<string>();
    /** Conditions of the selected interpreters announced in this window (dismissed ones are remembered for good). */
    private readonly announced = new Set<string>();
    /** Where environments moved to in this window: the "moved" notification speaks for them. */
    private readonly movedTo = new Set<string>();

    constructor(private readonly services: Services) {}

    /** Shows a notification unless it is off, dismissed before for this condition, or already showing. */
    async show(key: string, severity: 'info' | 'warning' | 'error', message: string, buttons: string[]): Promise<string | undefined> {
        if (!this.services.notificationsEnabled() || this.isDismissed(key) || this.showing.has(key)) {
            return undefined;
        }
        this.showing.add(key);
        try {
            const show = severity === 'error' ? api.showErrorMessage : severity === 'warning' ? api.showWarningMessage : api.showInformationMessage;
            const choice = await show(message, ...buttons);
            if (choice === undefined) {
                const dismissed = this.services.workspaceState.get<string[]>(DISMISSED_KEY, []);
                await this.services.workspaceState.update(DISMISSED_KEY, [...dismissed, key]);
            }
            return choice;
        } finally {
            this.showing.delete(key);
        }
    }

    isDismissed(key: string): boolean {
        return this.services.workspaceState.get<string[]>(DISMISSED_KEY, []).includes(key);
    }

    /** venv/moved: "The virtual environment `.venv` moved from `…/old` to `…/new`". */
    async onMoved(event: MovedNotification): Promise<void> {
        this.movedTo.add(event.to);
        const name = environmentName(event.from); // the name the user knew it by
        const choice = await this.show(ConditionKeys.moved(event.from, event.to), 'warning', Strings.movedNotification(name, event.from, event.to), [
            Strings.repairInPlace,
            Strings.useAsInterpreter,
            Strings.details,
        ]);
        if (choice === Strings.repairInPlace) {
            const suggestions = event.diagnosis.suggestions ?? [];
            const action = suggestions.some((s) => s.action === RepairActions.relocate) ? RepairActions.relocate : suggestions[0]?.action;
            await repairEnvironment(this.services, event.to, action);
        } else if (choice === Strings.useAsInterpreter) {
            const folder = this.folderFor(event.to);
            if (folder) {
                await repointInterpreter(this.services, folder, event.diagnosis.interpreter ?? event.to);
                this.services.refreshStatus();
            }
        } else if (choice === Strings.details) {
            await showDetails(event.diagnosis);
        }
    }

    /**
     * Each workspace folder's interpreter (at start-up, after a scan, when it changes): one with an error finding is
     * announced as broken, one with a warning as a warning, once per condition. An environment just announced as
     * moved is left to that notification, which offers its repair already.
     */
    async onFolderInterpreters(interpreters: ActiveInterpreter[], label: (environment: Environment) => string = (e) => environmentName(e.path)): Promise<void> {
        const environments = new Map<string, Environment>();
        for (const active of interpreters) {
            if (active.environment && !this.movedTo.has(active.environment.path)) {
                environments.set(active.environment.path, active.environment);
            }
        }
        await Promise.all([...environments.values()].map((environment) => this.onSelectedEnvironment(environment, label(environment))));
    }

    private async onSelectedEnvironment(environment: Environment, label: string): Promise<void> {
        const notice = selectedInterpreterNotice(environment, label);
        if (!notice || this.announced.has(notice.key) || !this.services.notificationsEnabled()) {
            return;
        }
        this.announced.add(notice.key); // once per condition: a changed condition has another key
        const choice = await this.show(notice.key, notice.severity, notice.message, notice.buttons);
        if (choice === undefined) {
            return;
        }
        if (choice === Strings.chooseAnother) {
            await selectInterpreter(this.services);
        } else if (choice === Strings.details) {
            await showDetails(environment);
        } else if (notice.repair) {
            await repairEnvironment(this.services, environment.path, notice.repair.action);
        }
    }

    /** python.defaultInterpreterPath points at nothing and the sidecar knows where that environment went. */
    async onSettings(settings: InterpreterSetting[]): Promise<void> {
        await Promise.all(settings.filter((s) => !s.resolves && s.suggestion).map((s) => this.onStaleSetting(s, s.suggestion!)));
    }

    private async onStaleSetting(setting: InterpreterSetting, suggestion: string): Promise<void> {
        const movedTo = this.environmentOf(suggestion);
        const choice = await this.show(ConditionKeys.staleSetting(setting), 'warning', Strings.staleSettingNotification(setting.value, movedTo), [Strings.repoint]);
        if (choice === Strings.repoint) {
            const folder = this.folderFor(setting.file);
            if (folder) {
                await repointInterpreter(this.services, folder, suggestion, { fixSetting: true });
                this.services.refreshStatus();
            }
        }
    }

    private environmentOf(interpreterPath: string): string {
        const known = this.services.store.environments.find((e) => isInside(interpreterPath, e.path));
        return known?.path ?? platform().path.dirname(platform().path.dirname(interpreterPath));
    }

    private folderFor(file: string) {
        return api.workspaceFolders().find((f) => isInside(file, f.uri.fsPath)) ?? this.services.activeFolder();
    }
}

/** A notification's Details: the environment's part of the report, rendered like the whole report. */
function showDetails(environment: Environment): Promise<void> {
    const text = renderReport({ environments: [environment], interpreters: [], settings: [], skipped: [] });
    return reportPreviews.show(`Venv Doctor: ${environmentName(environment.path)}`, text);
}
