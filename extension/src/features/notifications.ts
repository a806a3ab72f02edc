// The three notifications: an environment moved; the selected interpreter broke; the saved interpreter path is
// gone and the environment that was there is found elsewhere. Each condition has a key; a dismissed notification
// is remembered in workspaceState under that key and not shown again, and one that is showing is not repeated.
// venvDoctor.notifications.enabled turns them all off.
import * as path from 'path';
import { Strings, environmentName } from '../common/strings';
import * as api from '../common/vscodeApi';
import { Environment, FindingCodes, InterpreterSetting, MovedNotification, RepairActions } from '../sidecar/protocol';
import { ActiveInterpreter } from './activeInterpreter';
import { isInside } from './environmentStore';
import { repairEnvironment } from './repair';
import { renderReport } from './report';
import { repointInterpreter } from './repoint';
import { Services } from './services';
import { selectInterpreter } from './interpreterPicker';

export const DISMISSED_KEY = 'venvDoctor.dismissedNotifications';

export const ConditionKeys = {
    moved: (from: string, to: string) => `moved:${from}->${to}`,
    broken: (environment: Environment) =>
        `broken:${environment.path}:${(environment.findings ?? []).map((f) => f.code).sort().join(',')}`,
    staleSetting: (setting: InterpreterSetting) => `stale-setting:${setting.file}:${setting.value}->${setting.suggestion}`,
};

/** Findings that mean "the selected interpreter broke" rather than "something could be tidier". */
const breakingCodes: string[] = [FindingCodes.baseMissing, FindingCodes.baseVersionChanged, FindingCodes.homeMissing, FindingCodes.danglingLink];

export class Notifier {
    private readonly showing = new Set<string>();

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
                await repointInterpreter(folder, event.diagnosis.interpreter ?? event.to, this.services.python());
                this.services.refreshStatus();
            }
        } else if (choice === Strings.details) {
            await api.showMarkdownDocument(renderReport({ environments: [event.diagnosis], interpreters: [], settings: [], skipped: [] }));
        }
    }

    /** The active folder's interpreter is broken (base removed, version changed...). */
    async onActiveInterpreter(active: ActiveInterpreter): Promise<void> {
        const environment = active.environment;
        if (!environment || environment.health !== 'broken') {
            return;
        }
        const finding = (environment.findings ?? []).find((f) => breakingCodes.includes(f.code));
        if (!finding) {
            return;
        }
        const suggestions = environment.suggestions ?? [];
        const relink = suggestions.find((s) => s.action === RepairActions.relinkBase);
        const relinkVersion = relink?.data?.version;
        const buttons = [
            ...(relink ? [relinkVersion ? Strings.relinkTo(relinkVersion) : Strings.relink] : []),
            Strings.recreate,
            Strings.chooseAnother,
        ];
        const choice = await this.show(ConditionKeys.broken(environment), 'error', Strings.selectedBrokenNotification(environmentName(environment.path), finding.message), buttons);
        if (choice === undefined) {
            return;
        }
        if (choice === Strings.recreate) {
            await repairEnvironment(this.services, environment.path, RepairActions.recreate);
        } else if (choice === Strings.chooseAnother) {
            await selectInterpreter(this.services);
        } else if (relink) {
            await repairEnvironment(this.services, environment.path, RepairActions.relinkBase);
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
                await repointInterpreter(folder, suggestion, this.services.python(), { fixSetting: true });
                this.services.refreshStatus();
            }
        }
    }

    private environmentOf(interpreterPath: string): string {
        const known = this.services.store.environments.find((e) => e.interpreter === interpreterPath || isInside(interpreterPath, e.path));
        return known?.path ?? path.dirname(path.dirname(interpreterPath));
    }

    private folderFor(file: string) {
        return api.workspaceFolders().find((f) => isInside(file, f.uri.fsPath)) ?? this.services.activeFolder();
    }
}
