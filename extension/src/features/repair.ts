// Repair, Recreate and Undo: choose an environment and a repair, show the sidecar's plan and ask, apply it with
// progress (cancellable), then tell what happened and offer Undo. Disabled in untrusted workspaces (features/trust).
import { labelText, plainText } from '../common/displayText';
import { compareBaseInterpreters, newestVersionFirst } from '../common/pythonVersion';
import { Strings, environmentName } from '../common/strings';
import * as api from '../common/vscodeApi';
import { ApplyRepairResult, Environment, Methods, RepairActions, RepairParams, RepairPlan, Suggestion } from '../sidecar/protocol';
import { isInside } from './environmentStore';
import { hasRepair, offersMakeRelocatable } from './repairOffers';
import { errorText } from '../sidecar/sidecarSession';
import { withSidecarProgress } from './progress';
import { Services } from './services';
import { ensureTrustedForRepair } from './trust';
import { confirmRepair } from './views/repairPreview';

export const LAST_REPAIR_KEY = 'venvDoctor.lastRepair';
/** Recreating installs packages again; that can take minutes. */
const APPLY_TIMEOUT_MS = 15 * 60_000;

export interface LastRepair {
    path: string;
    action: string;
}

export type RepairOutcome = 'applied' | 'not-applied' | 'cancelled' | 'untrusted' | 'nothing-to-do' | 'failed';

/** Venv Doctor: Repair Environment… (also the picker's repair button and the notifications' repair buttons). */
export async function repairEnvironment(services: Services, envPath?: string, action?: string): Promise<RepairOutcome> {
    if (!ensureTrustedForRepair()) {
        return 'untrusted';
    }
    const environment = envPath ? await knownOrDiagnosed(services, envPath) : await pickEnvironmentToRepair(services, action);
    if (!environment) {
        return envPath ? 'failed' : 'cancelled';
    }
    const suggestion = await chooseSuggestion(environment, action);
    if (suggestion === 'none') {
        void api.showInformationMessage(Strings.nothingToRepair);
        return 'nothing-to-do';
    }
    if (!suggestion) {
        return 'cancelled';
    }
    if (suggestion.action === RepairActions.recreate) {
        const base = await chooseRecreateBase(services, environment, suggestion);
        if (base === undefined) {
            return 'cancelled';
        }
        return planConfirmApply(services, environment, { ...suggestion, data: { ...suggestion.data, base } });
    }
    return planConfirmApply(services, environment, suggestion);
}

/**
 * Recreate may use any installed Python: the sidecar's suggestion (same minor, else newest) comes first. Returns
 * the chosen executable, '' to let the sidecar choose (nothing known to choose from), or undefined when cancelled.
 */
export async function chooseRecreateBase(services: Services, environment: Environment, suggestion: Suggestion): Promise<string | undefined> {
    let interpreters = services.store.interpreters;
    if (interpreters.length === 0) {
        try {
            interpreters = (await services.sidecar.request(Methods.interpreters, {}))?.interpreters ?? [];
        } catch (error) {
            services.logger.warn(`Listing interpreters failed: ${errorText(error)}`);
        }
    }
    const suggested = suggestion.data?.base;
    const others = interpreters.filter((i) => i.executable !== suggested && i.version && !i.version.startsWith('2.')).sort(compareBaseInterpreters);
    if (others.length === 0) {
        return suggested ?? '';
    }
    const items = [
        ...(suggested ? [{ label: labelText(`Python ${suggestion.data?.version ?? ''}`.trim()), description: 'suggested', detail: labelText(suggested), base: suggested }] : []),
        ...others.map((i) => ({ label: labelText(`Python ${i.version}`), description: i.source ? labelText(i.source) : undefined, detail: labelText(i.executable), base: i.executable })),
    ];
    const picked = await api.showQuickPick(items, {
        title: plainText(`Venv Doctor: Recreate ${environmentName(environment.path)}`),
        placeHolder: Strings.pickRecreateBase,
    });
    return picked?.base;
}

/** Venv Doctor: Recreate Environment… */
export function recreateEnvironment(services: Services, envPath?: string): Promise<RepairOutcome> {
    return repairEnvironment(services, envPath, RepairActions.recreate);
}

/** Venv Doctor: Make Environment Relocatable… (prevention: the sidecar offers it on healthy venvs that a move would break). */
export function makeRelocatable(services: Services, envPath?: string): Promise<RepairOutcome> {
    return repairEnvironment(services, envPath, RepairActions.makeRelocatable);
}

/** Venv Doctor: Undo Last Repair */
export async function undoLastRepair(services: Services): Promise<boolean> {
    if (!ensureTrustedForRepair()) {
        return false;
    }
    const last = services.workspaceState.get<LastRepair | undefined>(LAST_REPAIR_KEY, undefined);
    if (!last) {
        void api.showInformationMessage(Strings.noUndo);
        return false;
    }
    const name = environmentName(last.path);
    try {
        const result = await services.sidecar.request(Methods.undoRepair, { path: last.path, userChosen: outsideWorkspace(last.path) }, undefined, APPLY_TIMEOUT_MS);
        if (result.diagnosis) {
            services.store.upsert(result.diagnosis);
        }
        await services.workspaceState.update(LAST_REPAIR_KEY, undefined);
        if (!result.restored) {
            void api.showWarningMessage(Strings.undoFailed(name));
            return false;
        }
        void api.showInformationMessage(Strings.undone(name));
        return true;
    } catch (error) {
        services.logger.error(`undo of ${last.path} failed: ${errorText(error)}`);
        void api.showErrorMessage(`${Strings.undoFailed(name)} ${errorText(error)}`);
        return false;
    }
}

/**
 * What the sidecar needs for the suggestion: its evidence (base, from, source) and the folder. `userChosen` (allow
 * a path outside the workspace folders) only when it is outside: the user picked it from a list and confirms the
 * plan, but inside the workspace the sidecar's own guard stays on.
 */
export function repairParams(envPath: string, suggestion: Suggestion): RepairParams {
    const data = suggestion.data ?? {};
    const folder = api.workspaceFolders().find((f) => isInside(envPath, f.uri.fsPath));
    return {
        path: envPath,
        action: suggestion.action,
        base: data.base || undefined,
        from: data.from || undefined,
        source: data.source || undefined,
        workspaceFolder: folder?.uri.fsPath,
        userChosen: folder === undefined,
    };
}

function outsideWorkspace(envPath: string): boolean {
    return !api.workspaceFolders().some((f) => isInside(envPath, f.uri.fsPath));
}

const healthIcons = { ok: '$(pass)', warning: '$(warning)', broken: '$(error)' } as const;

/** Environments with a venv layout can be recreated (not conda prefixes or bare base installs). */
export function recreateCandidates(environments: Environment[]): Environment[] {
    const recreatable = ['venv', 'virtualenv', 'uv', 'legacy-virtualenv', 'venv-shaped'];
    return environments.filter((e) => recreatable.includes(e.kind)).sort((a, b) => a.path.localeCompare(b.path));
}

/** Broken first, then warnings, newest Python first within each; only environments that have a repair to offer. */
export function repairCandidates(environments: Environment[]): Environment[] {
    return byHealthThenVersion(environments.filter(hasRepair));
}

/** Environments the sidecar offers make-relocatable (healthy venvs a move would break, relocatable ones pip added scripts to). */
export function relocatableCandidates(environments: Environment[]): Environment[] {
    return byHealthThenVersion(environments.filter(offersMakeRelocatable));
}

function byHealthThenVersion(environments: Environment[]): Environment[] {
    const rank = { broken: 0, warning: 1, ok: 2 } as const;
    return environments
        .sort((a, b) => (rank[a.health] ?? 3) - (rank[b.health] ?? 3) || newestVersionFirst(a.version, b.version) || a.path.localeCompare(b.path));
}

async function knownOrDiagnosed(services: Services, envPath: string): Promise<Environment | undefined> {
    const known = services.store.get(envPath);
    if (known) {
        return known;
    }
    try {
        const diagnosed = await services.sidecar.request(Methods.diagnose, { path: envPath });
        services.store.upsert(diagnosed);
        return diagnosed;
    } catch (error) {
        void api.showErrorMessage(`Venv Doctor could not diagnose ${envPath}: ${errorText(error)}`);
        return undefined;
    }
}

/** For a given action (recreate) every environment qualifies; otherwise those with a repair to offer. */
async function pickEnvironmentToRepair(services: Services, action: string | undefined): Promise<Environment | undefined> {
    const environments = services.store.environments;
    const candidates = action === RepairActions.recreate ? recreateCandidates(environments)
        : action === RepairActions.makeRelocatable ? relocatableCandidates(environments) : repairCandidates(environments);
    if (candidates.length === 0) {
        void api.showInformationMessage(Strings.nothingToRepair);
        return undefined;
    }
    const picked = await api.showQuickPick(
        candidates.map((environment) => ({
            label: `${healthIcons[environment.health] ?? ''} ${labelText(environmentName(environment.path))}`,
            description: environment.version ? labelText(environment.version) : undefined,
            detail: labelText(environment.findings?.[0] ? `${environment.path} — ${environment.findings[0].message}` : environment.path),
            environment,
        })),
        { title: 'Venv Doctor: Repair Environment', placeHolder: Strings.pickEnvironmentToRepair },
    );
    return picked?.environment;
}

/** The requested action, the only suggestion, or the user's pick among several. 'none' when there is nothing. */
async function chooseSuggestion(environment: Environment, action: string | undefined): Promise<Suggestion | 'none' | undefined> {
    const suggestions = environment.suggestions ?? [];
    if (action) {
        // Recreate is always possible when the base is known, even if the sidecar suggested something milder.
        return suggestions.find((s) => s.action === action) ?? (action === RepairActions.recreate ? { action, title: `Recreate ${environmentName(environment.path)}`, data: {} } : 'none');
    }
    if (suggestions.length === 0) {
        return 'none';
    }
    if (suggestions.length === 1) {
        return suggestions[0];
    }
    const picked = await api.showQuickPick(
        suggestions.map((suggestion) => ({ label: labelText(suggestion.title), description: labelText(suggestion.action), suggestion })),
        { title: plainText(`Venv Doctor: Repair ${environmentName(environment.path)}`), placeHolder: Strings.pickRepair },
    );
    return picked?.suggestion;
}

/** How many left files a notification names; the rest are counted (the Output channel and the CLI list them all). */
const LEFT_SHOWN = 3;

/**
 * What a finished repair says: the health a fresh diagnosis found, what pip could not reinstall, and every file the
 * repair left as it was with the reason (named relative to the environment; beyond a few, counted), so "ok" is never
 * shown without what was not changed.
 */
export function repairOutcomeMessage(name: string, envPath: string, result: ApplyRepairResult): string {
    const health = result.diagnosis?.health ?? 'repaired';
    const notReinstalled = result.notReinstalled?.length ? ` Not reinstalled: ${result.notReinstalled.join(', ')}.` : '';
    const left = result.left ?? result.plan?.left ?? [];
    if (left.length === 0) {
        return Strings.repaired(name, health) + notReinstalled;
    }
    const shown = left.slice(0, LEFT_SHOWN).map((l) => `${relativeTo(envPath, l.file)} (${l.reason})`);
    const more = left.length > LEFT_SHOWN ? `; and ${left.length - LEFT_SHOWN} more` : '';
    return Strings.repaired(name, health) + notReinstalled + Strings.leftAsItWas(shown.join('; ') + more);
}

function relativeTo(envPath: string, file: string): string {
    const prefix = envPath.endsWith('/') ? envPath : `${envPath}/`;
    return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

async function planConfirmApply(services: Services, environment: Environment, suggestion: Suggestion): Promise<RepairOutcome> {
    const name = environmentName(environment.path);
    const params = repairParams(environment.path, suggestion);
    let plan: RepairPlan;
    try {
        plan = await services.sidecar.request(Methods.planRepair, params);
    } catch (error) {
        services.logger.error(`planning ${suggestion.action} for ${environment.path} failed: ${errorText(error)}`);
        void api.showErrorMessage(`Venv Doctor could not plan "${suggestion.title}": ${errorText(error)}`);
        return 'failed';
    }
    if (!(await confirmRepair(plan))) {
        return 'cancelled';
    }
    try {
        const result = await withSidecarProgress(services.sidecar, Strings.repairProgress(plan.title || suggestion.title), (workDoneToken, token) =>
            services.sidecar.request(Methods.applyRepair, { ...params, workDoneToken }, token, APPLY_TIMEOUT_MS),
        );
        if (result.diagnosis) {
            services.store.upsert(result.diagnosis);
        }
        if (!result.applied) {
            void api.showWarningMessage(Strings.repairNotApplied(name));
            return 'not-applied';
        }
        for (const left of result.left ?? result.plan?.left ?? []) {
            services.logger.warn(`${suggestion.action} left ${left.file} as it was: ${left.reason}`);
        }
        const message = repairOutcomeMessage(name, environment.path, result);
        if (!result.journalId) {
            // Nothing journaled (pip replaced the files itself): no undo to offer, and an older repair's must not be.
            void api.showInformationMessage(message);
            return 'applied';
        }
        await services.workspaceState.update(LAST_REPAIR_KEY, { path: environment.path, action: suggestion.action } satisfies LastRepair);
        void api.showInformationMessage(message, Strings.undo).then((choice) => {
            if (choice === Strings.undo) {
                return undoLastRepair(services);
            }
            return undefined;
        });
        return 'applied';
    } catch (error) {
        services.logger.error(`${suggestion.action} of ${environment.path} failed: ${errorText(error)}`);
        void api.showErrorMessage(`Venv Doctor: "${plan.title || suggestion.title}" failed: ${errorText(error)}`);
        return 'failed';
    }
}
