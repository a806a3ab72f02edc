// A base Python removed while VS Code is open (pyenv uninstall, a Homebrew upgrade): the sidecar's watch sends one
// venv/changed per environment built on it, each now broken with a `base-missing` finding. This gathers the ones that
// arrive together into one notification per removed base, naming every affected environment, and offers to relink
// them all to an installed Python of the same minor, or to recreate them all on a Python the user picks.
import { labelText, plainText } from '../../common/displayText';
import { compareBaseInterpreters } from '../../common/pythonVersion';
import { Strings } from '../../common/strings';
import * as api from '../../common/vscodeApi';
import { BaseInterpreter, Environment, FindingCodes, RepairActions } from '../../sidecar/protocol';
import { environmentLabel } from '../environmentLabel';
import { isInside } from '../environmentStore';
import { Services } from '../services';
import { FleetResult, repairFleet } from './fleetRepair';
import { platform } from '../../common/platform';

/** The base an environment lost, as its base-missing finding says (prefix, else the folder of home or of the link's target). */
export interface RemovedBase {
    prefix: string;
    /** X.Y, when the finding says. */
    minor?: string;
}

/** How long to wait for the rest of a burst: the watch reports each environment of a removed base on its own. */
const GATHER_MS = 1500;

export function removedBaseOf(environment: Environment): RemovedBase | undefined {
    const finding = (environment.findings ?? []).find((f) => f.code === FindingCodes.baseMissing);
    if (!finding) {
        return undefined;
    }
    const data = finding.data ?? {};
    const prefix = data.prefix || (data.home ? platform().path.dirname(data.home.replace(/[\\/]+$/, '')) : undefined) || (data.target ? platform().path.dirname(platform().path.dirname(data.target)) : undefined);
    if (!prefix) {
        return undefined;
    }
    const minor = data.version || (environment.version ? environment.version.split('.').slice(0, 2).join('.') : undefined);
    return { prefix, minor };
}

/** An installed Python of the same minor that is not the removed one: the sidecar's relink suggestion first, else the inventory's newest. */
export function relinkTarget(environments: readonly Environment[], removed: RemovedBase, interpreters: readonly BaseInterpreter[]): { base: string; version: string } | undefined {
    for (const environment of environments) {
        const suggestion = (environment.suggestions ?? []).find((s) => s.action === RepairActions.relinkBase && s.data?.base && !isInside(s.data.base, removed.prefix));
        if (suggestion?.data?.base) {
            return { base: suggestion.data.base, version: suggestion.data.version ?? removed.minor ?? '' };
        }
    }
    if (!removed.minor) {
        return undefined;
    }
    const same = interpreters
        .filter((i) => i.version?.split('.').slice(0, 2).join('.') === removed.minor && !isInside(i.executable, removed.prefix))
        .sort(compareBaseInterpreters)[0];
    return same ? { base: same.executable, version: same.version } : undefined;
}

export class BaseRemovedNotifier {
    private readonly pending = new Map<string, { removed: RemovedBase; environments: Map<string, Environment> }>();
    private timer: ReturnType<typeof setTimeout> | undefined;
    /** Bursts being shown or repaired; tests wait on it. */
    private running: Promise<void> = Promise.resolve();

    constructor(
        private readonly services: Services,
        private readonly gatherMs = GATHER_MS,
    ) {}

    /**
     * venv/changed: an environment that just lost its base (it had no base-missing finding before) joins the burst
     * of its base. `before` is the environment as the store knew it before this change.
     */
    onChanged(before: Environment | undefined, after: Environment): void {
        const removed = removedBaseOf(after);
        if (!removed || (before && removedBaseOf(before))) {
            return;
        }
        const burst = this.pending.get(removed.prefix) ?? { removed, environments: new Map() };
        burst.environments.set(after.path, after);
        this.pending.set(removed.prefix, burst);
        if (this.timer) {
            clearTimeout(this.timer);
        }
        this.timer = setTimeout(() => this.flush(), this.gatherMs);
    }

    /** Shows what has gathered (at once, in tests). */
    flush(): Promise<void> {
        if (this.timer) {
            clearTimeout(this.timer);
            this.timer = undefined;
        }
        const bursts = [...this.pending.values()];
        this.pending.clear();
        this.running = this.running.then(() => Promise.all(bursts.map((b) => this.announce(b.removed, [...b.environments.values()]))).then(() => undefined));
        return this.running;
    }

    /** One notification for one removed base: every affected environment named, then what can be done for all of them. */
    async announce(removed: RemovedBase, environments: Environment[]): Promise<FleetResult[] | undefined> {
        if (!this.services.notificationsEnabled() || environments.length === 0) {
            return undefined;
        }
        const sorted = [...environments].sort((a, b) => a.path.localeCompare(b.path));
        const nameOf = this.namer(sorted);
        const names = sorted.map((e) => nameOf(e.path));
        const target = relinkTarget(sorted, removed, this.services.store.interpreters);
        const relinkAll = target ? Strings.relinkAllTo(target.version) : undefined;
        const buttons = [...(relinkAll ? [relinkAll] : []), Strings.recreateAll];
        const choice = await api.showErrorMessage(Strings.baseRemovedNotification(removed.minor, removed.prefix, names), ...buttons);
        if (choice && choice === relinkAll && target) {
            return repairFleet(this.services, sorted, RepairActions.relinkBase, target.base, Strings.relinkAllProgress(target.version), nameOf);
        }
        if (choice === Strings.recreateAll) {
            const base = await this.pickRecreateBase(removed);
            return base ? repairFleet(this.services, sorted, RepairActions.recreate, base, Strings.recreateAllProgress(names.length), nameOf) : undefined;
        }
        return undefined;
    }

    /** Names as the status item gives them (`api/.venv` when `.venv` alone is ambiguous), among the store's environments and these. */
    private namer(environments: readonly Environment[]): (envPath: string) => string {
        const folders = api.workspaceFolders().map((f) => ({ name: f.name, fsPath: f.uri.fsPath }));
        const known = [...new Set([...this.services.store.environments.map((e) => e.path), ...environments.map((e) => e.path)])];
        return (envPath) => environmentLabel(envPath, known, folders);
    }

    /** Any installed Python but the removed one, the same minor first (the picker's order). */
    private async pickRecreateBase(removed: RemovedBase): Promise<string | undefined> {
        const candidates = this.services.store.interpreters
            .filter((i) => !isInside(i.executable, removed.prefix) && i.version && !i.version.startsWith('2.'))
            .sort((a, b) => Number(b.version.startsWith(`${removed.minor}.`)) - Number(a.version.startsWith(`${removed.minor}.`)) || compareBaseInterpreters(a, b));
        if (candidates.length === 0) {
            void api.showWarningMessage(Strings.noBaseToRecreateWith);
            return undefined;
        }
        const picked = await api.showQuickPick(
            candidates.map((i) => ({ label: labelText(`Python ${i.version}`), description: i.source ? labelText(i.source) : undefined, detail: labelText(i.executable), base: i.executable })),
            { title: plainText(`Venv Doctor: recreate on another Python`), placeHolder: Strings.pickRecreateBase },
        );
        return picked?.base;
    }
}
