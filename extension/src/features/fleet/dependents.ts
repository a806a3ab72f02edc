// Venv Doctor: Show Environments Built on This Python. The sidecar answers (venv/dependents: the workspace folders
// and every machine location, matched by real path), the same service as `venv-sidecar dependents`; from the view's
// context menu on an installed Python, or from the palette with a picker of the installed Pythons.
import { labelText, plainText } from '../../common/displayText';
import { compareBaseInterpreters } from '../../common/pythonVersion';
import { Strings } from '../../common/strings';
import * as api from '../../common/vscodeApi';
import { BaseInterpreter, DependentsResult, Methods } from '../../sidecar/protocol';
import { errorText } from '../../sidecar/sidecarSession';
import { Services } from '../services';

/** The view passes its base node ({ interpreter }); a caller may pass an executable; the palette passes nothing. */
export function baseArgument(argument: unknown): string | undefined {
    if (typeof argument === 'string' && argument !== '') {
        return argument;
    }
    const interpreter = (argument as { interpreter?: BaseInterpreter } | undefined)?.interpreter;
    return typeof interpreter?.executable === 'string' ? interpreter.executable : undefined;
}

export async function showDependents(services: Services, argument?: unknown): Promise<DependentsResult | undefined> {
    const python = baseArgument(argument) ?? (await pickBase(services));
    if (!python) {
        return undefined;
    }
    let result: DependentsResult;
    try {
        result = await services.sidecar.request(Methods.dependents, { python });
    } catch (error) {
        void api.showErrorMessage(`Venv Doctor could not list the environments built on ${python}: ${errorText(error)}`);
        return undefined;
    }
    const base = `Python ${result.base.version} (${result.base.realPrefix})`;
    for (const environment of result.environments) {
        services.store.upsert(environment);
    }
    if (result.environments.length === 0) {
        void api.showInformationMessage(Strings.dependentsNone(base));
        return result;
    }
    const rank = { broken: 0, warning: 1, ok: 2 } as const;
    await api.showQuickPick(
        [...result.environments]
            .sort((a, b) => (rank[a.health] ?? 3) - (rank[b.health] ?? 3) || a.path.localeCompare(b.path))
            .map((e) => ({ label: labelText(e.path), description: labelText([e.version, e.kind, e.manager, e.health].filter(Boolean).join(' · ')) })),
        { title: plainText(Strings.dependentsTitle(base, result.environments.length)), canPickMany: false },
    );
    return result;
}

async function pickBase(services: Services): Promise<string | undefined> {
    let interpreters = services.store.interpreters;
    if (interpreters.length === 0) {
        interpreters = (await services.sidecar.request(Methods.interpreters, {}).catch(() => undefined))?.interpreters ?? [];
    }
    const picked = await api.showQuickPick(
        [...interpreters].sort(compareBaseInterpreters).map((i) => ({ label: labelText(`Python ${i.version}`), description: i.source ? labelText(i.source) : undefined, detail: labelText(i.executable), python: i.executable })),
        { title: 'Venv Doctor: Show Environments Built on This Python', placeHolder: Strings.pickBaseForDependents },
    );
    return picked?.python;
}
