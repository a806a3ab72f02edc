// One repair applied to several environments, one venv/applyRepair each, in order, under one cancellable progress
// notification. The extension loops rather than sending the sidecar a list: each request is one environment's lock,
// journal and undo, its own progress and its own error, and cancelling stops between environments (the one being
// repaired is rolled back by the sidecar) without a new wire type. Results are reported per environment.
import * as vscode from 'vscode';
import { Strings, environmentName } from '../../common/strings';
import * as api from '../../common/vscodeApi';
import { Environment, Methods } from '../../sidecar/protocol';
import { errorText } from '../../sidecar/sidecarSession';
import { isInside } from '../environmentStore';
import { LAST_REPAIR_KEY, LastRepair } from '../repair';
import { Services } from '../services';
import { ensureTrustedForRepair } from '../trust';

/** Recreate installs packages again, for each environment. */
const APPLY_TIMEOUT_MS = 15 * 60_000;

export interface FleetResult {
    path: string;
    /** How the notification named it (unambiguous among the environments repaired together). */
    name: string;
    outcome: 'repaired' | 'not-healthy' | 'failed' | 'cancelled';
    /** Why it failed, or the findings that remain. */
    reason?: string;
}

export async function repairFleet(
    services: Services,
    environments: readonly Environment[],
    action: string,
    base: string,
    title: string,
    nameOf: (envPath: string) => string = environmentName,
): Promise<FleetResult[]> {
    if (!ensureTrustedForRepair()) {
        return environments.map((e) => ({ path: e.path, name: nameOf(e.path), outcome: 'cancelled', reason: 'untrusted workspace' }));
    }
    const results = await api.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const done: FleetResult[] = [];
        for (const [index, environment] of environments.entries()) {
            if (token.isCancellationRequested) {
                done.push({ path: environment.path, name: nameOf(environment.path), outcome: 'cancelled', reason: 'not attempted' });
                continue;
            }
            progress.report({ message: `${nameOf(environment.path)} (${index + 1}/${environments.length})`, increment: index === 0 ? 0 : 100 / environments.length });
            done.push({ name: nameOf(environment.path), ...(await repairOne(services, environment.path, action, base, token)) });
        }
        return done;
    });
    const last = [...results].reverse().find((r) => r.outcome === 'repaired' || r.outcome === 'not-healthy');
    if (last) {
        await services.workspaceState.update(LAST_REPAIR_KEY, { path: last.path, action } satisfies LastRepair);
    }
    void reportFleet(results);
    return results;
}

async function repairOne(services: Services, envPath: string, action: string, base: string, token: vscode.CancellationToken): Promise<Omit<FleetResult, 'name'>> {
    const userChosen = !api.workspaceFolders().some((f) => isInside(envPath, f.uri.fsPath));
    try {
        const result = await services.sidecar.request(Methods.applyRepair, { path: envPath, action, base, userChosen }, token, APPLY_TIMEOUT_MS);
        if (result.diagnosis) {
            services.store.upsert(result.diagnosis); // the view follows the store
        }
        const health = result.diagnosis?.health;
        if (health === 'ok') {
            return { path: envPath, outcome: 'repaired' };
        }
        const remaining = (result.diagnosis?.findings ?? []).map((f) => f.code).join(', ');
        return { path: envPath, outcome: 'not-healthy', reason: `now ${health ?? 'unknown'}${remaining ? `: ${remaining}` : ''}` };
    } catch (error) {
        if (token.isCancellationRequested) {
            return { path: envPath, outcome: 'cancelled', reason: 'cancelled; it is as it was' };
        }
        services.logger.error(`${action} of ${envPath} failed: ${errorText(error)}`);
        return { path: envPath, outcome: 'failed', reason: errorText(error) };
    }
}

/** One message: how many were repaired, then each one that was not, with why (names escaped by the api wrapper). */
export function fleetSummary(results: readonly FleetResult[]): string {
    const repaired = results.filter((r) => r.outcome === 'repaired');
    const others = results.filter((r) => r.outcome !== 'repaired').map((r) => `\`${r.name}\` ${r.outcome}${r.reason ? ` (${r.reason})` : ''}`);
    const head = Strings.fleetRepaired(repaired.length, results.length, repaired.map((r) => `\`${r.name}\``));
    return others.length === 0 ? head : `${head} ${Strings.fleetNotRepaired(others)}`;
}

function reportFleet(results: readonly FleetResult[]): Thenable<string | undefined> {
    const message = fleetSummary(results);
    return results.every((r) => r.outcome === 'repaired') ? api.showInformationMessage(message) : api.showWarningMessage(message);
}
