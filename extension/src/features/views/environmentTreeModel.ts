// The Environments view's model: which nodes exist, in which order, how each is labelled and which actions it
// offers. Pure data in, pure data out (no VS Code calls), so grouping, ordering and live updates are unit-tested
// without a host; environmentTreeProvider.ts only turns these nodes into TreeItems.
import * as os from 'os';
import { markdownCode, markdownText } from '../../common/displayText';
import { compareBaseInterpreters } from '../../common/pythonVersion';
import { BaseInterpreter, Environment, Finding, Health, Severity, Suggestion } from '../../sidecar/protocol';
import { hasRepair, offersMakeRelocatable } from '../repairOffers';
import { FolderRef } from '../activeInterpreter';
import { isInside } from '../environmentStore';
import { platform } from '../../common/platform';

export type TreeNode =
    | { kind: 'folder'; id: string; folder: FolderRef }
    | { kind: 'machine'; id: string }
    | { kind: 'installed'; id: string }
    | { kind: 'environment'; id: string; environment: Environment; folder?: FolderRef }
    | { kind: 'finding'; id: string; environment: Environment; finding: Finding }
    | { kind: 'suggestion'; id: string; environment: Environment; suggestion: Suggestion }
    | { kind: 'base'; id: string; interpreter: BaseInterpreter }
    | { kind: 'placeholder'; id: string; message: string };

export type EnvironmentNode = Extract<TreeNode, { kind: 'environment' }>;
export type SuggestionNode = Extract<TreeNode, { kind: 'suggestion' }>;

/** Everything the tree is drawn from; extension.ts fills it from the store, the settings and the last repair. */
export interface TreeState {
    folders: FolderRef[];
    environments: Environment[];
    interpreters: BaseInterpreter[];
    /** The interpreter (or environment folder) a folder uses, as the status bar resolves it. */
    usedBy(folder: FolderRef): string | undefined;
    /** The environment the workspace's "Undo Last Repair" would revert. */
    lastRepairPath: string | undefined;
}

export const GroupLabels = {
    machine: 'This machine',
    installed: 'Installed Pythons',
    noEnvironment: 'No Python environment in this folder',
    noVenvOnBase: 'No environment found built on this Python',
} as const;

/** Context values the package.json menus match on (`viewItem =~ /;repairable;/`). */
export const ItemFlags = {
    environment: 'environment',
    repairable: 'repairable',
    recreatable: 'recreatable',
    undoable: 'undoable',
    hasInterpreter: 'hasInterpreter',
    /** Has an interpreter and is not the one its folder already uses. */
    usable: 'usable',
    inWorkspace: 'inWorkspace',
    suggestion: 'suggestion',
    /** The sidecar offers make-relocatable (prevention) for it. */
    relocatable: 'relocatable',
} as const;

const healthRank: Record<Health, number> = { broken: 0, warning: 1, ok: 2 };
/** Environment kinds a fresh venv can replace (not conda prefixes or base installs). */
const recreatableKinds = ['venv', 'virtualenv', 'uv', 'legacy-virtualenv', 'venv-shaped'];

/** Broken first, then warnings, then healthy; by path within each, so an item only moves when its health does. */
export function byHealthThenPath(a: Environment, b: Environment): number {
    return (healthRank[a.health] ?? 3) - (healthRank[b.health] ?? 3) || a.path.localeCompare(b.path);
}

/** The workspace folder an environment belongs to: the innermost one containing it (nested multi-root folders). */
export function owningFolder(environment: Environment, folders: FolderRef[]): FolderRef | undefined {
    return folders.filter((f) => isInside(environment.path, f.fsPath)).sort((a, b) => b.fsPath.length - a.fsPath.length)[0];
}

/** Base installs (kind `pyenv`) are listed under Installed Pythons, not as environments. */
function isEnvironment(environment: Environment): boolean {
    return environment.kind !== 'pyenv';
}

export function rootNodes(state: TreeState): TreeNode[] {
    const roots: TreeNode[] = state.folders.map((folder) => ({ kind: 'folder', id: `folder:${folder.fsPath}`, folder }));
    if (machineEnvironments(state).length > 0) {
        roots.push({ kind: 'machine', id: 'machine' });
    }
    if (state.interpreters.length > 0) {
        roots.push({ kind: 'installed', id: 'installed' });
    }
    return roots;
}

/** True when no workspace folder holds an environment: the view then shows its welcome content instead. */
export function workspaceIsEmpty(state: TreeState): boolean {
    return !state.environments.some((e) => isEnvironment(e) && owningFolder(e, state.folders));
}

export function childrenOf(node: TreeNode, state: TreeState): TreeNode[] {
    switch (node.kind) {
        case 'folder': {
            const inFolder = state.environments.filter((e) => isEnvironment(e) && owningFolder(e, state.folders)?.fsPath === node.folder.fsPath);
            if (inFolder.length === 0) {
                return [{ kind: 'placeholder', id: `${node.id}/empty`, message: GroupLabels.noEnvironment }];
            }
            return inFolder.sort(byHealthThenPath).map((environment) => environmentNode(environment, node.folder));
        }
        case 'machine':
            return machineEnvironments(state).map((environment) => environmentNode(environment, undefined));
        case 'installed':
            return [...state.interpreters].sort(compareBaseInterpreters).map((interpreter) => ({ kind: 'base', id: `base:${interpreter.executable}`, interpreter }));
        case 'base': {
            const built = state.environments.filter((e) => isEnvironment(e) && isBuiltOn(e, node.interpreter)).sort(byHealthThenPath);
            if (built.length === 0) {
                return [{ kind: 'placeholder', id: `${node.id}/empty`, message: GroupLabels.noVenvOnBase }];
            }
            // The same environment appears under its folder too; tree ids must be unique, so these are prefixed.
            return built.map((environment) => ({ ...environmentNode(environment, owningFolder(environment, state.folders)), id: `${node.id}/env:${environment.path}` }));
        }
        case 'environment': {
            const env = node.environment;
            const findings: TreeNode[] = (env.findings ?? []).map((finding, i) => ({ kind: 'finding', id: `${node.id}/finding:${i}:${finding.code}`, environment: env, finding }));
            const suggestions: TreeNode[] = (env.suggestions ?? []).map((suggestion, i) => ({
                kind: 'suggestion',
                id: `${node.id}/suggestion:${i}:${suggestion.action}`,
                environment: env,
                suggestion,
            }));
            return [...findings, ...suggestions];
        }
        default:
            return [];
    }
}

function environmentNode(environment: Environment, folder: FolderRef | undefined): EnvironmentNode {
    return { kind: 'environment', id: `env:${environment.path}`, environment, folder };
}

function machineEnvironments(state: TreeState): Environment[] {
    return state.environments.filter((e) => isEnvironment(e) && !owningFolder(e, state.folders)).sort(byHealthThenPath);
}

/**
 * Whether `environment` was made from `base`: its pyvenv.cfg `home` is the base's bin folder, or lies in its
 * install prefix (home is written as the user's Python found it, e.g. through a symlinked prefix).
 * Narrower than the sidecar's rule (`Core/Discovery/Dependents/BuiltOn`: also pyvenv.cfg `executable` and the
 * interpreter link, by real path), which "Show Environments Built on This Python" uses; this only groups the view's
 * Installed Pythons children, and is to move to the sidecar's answer (README, "How the pieces fit").
 */
export function isBuiltOn(environment: Environment, base: BaseInterpreter): boolean {
    const home = environment.home?.replace(/[\\/]+$/, '');
    if (!home) {
        return false;
    }
    return platform().samePath(home, platform().path.dirname(base.executable)) || (!!base.prefix && isInside(home, base.prefix));
}

export interface ItemView {
    label: string;
    description?: string;
    /** Markdown (codicons allowed). */
    tooltip?: string;
    /** A codicon id, and the theme colour to paint it with. */
    icon?: { id: string; color?: string };
    contextValue?: string;
    collapsible: 'none' | 'collapsed' | 'expanded';
}

const healthIcon: Record<Health, { id: string; color: string }> = {
    ok: { id: 'pass', color: 'testing.iconPassed' },
    warning: { id: 'warning', color: 'list.warningForeground' },
    broken: { id: 'error', color: 'list.errorForeground' },
};

const severityIcon: Record<Severity, { id: string; color?: string }> = {
    error: { id: 'error', color: 'list.errorForeground' },
    warning: { id: 'warning', color: 'list.warningForeground' },
    info: { id: 'info' },
};

/** How a node looks: label, description, tooltip, icon, and the context value its menus match. */
export function itemView(node: TreeNode, state: TreeState): ItemView {
    switch (node.kind) {
        case 'folder':
            return { label: node.folder.name, tooltip: markdownText(node.folder.fsPath, { themeIcons: true }), icon: { id: 'root-folder' }, collapsible: 'expanded' };
        case 'machine':
            return { label: GroupLabels.machine, tooltip: 'pyenv, conda, virtualenvwrapper, pipenv, poetry, hatch and uv environments', icon: { id: 'vm' }, collapsible: 'collapsed' };
        case 'installed':
            return { label: GroupLabels.installed, tooltip: 'Base Python installations, each with the environments built on it', icon: { id: 'python' }, collapsible: 'collapsed' };
        case 'base': {
            const i = node.interpreter;
            return {
                label: `Python ${i.version ?? '?'}`,
                description: [i.source, tildify(i.executable)].filter(Boolean).join(' · '),
                tooltip: `Python ${markdownText(i.version ?? '(version unknown)', { themeIcons: true })}\n\n${markdownCode(i.executable)}`,
                icon: { id: 'symbol-namespace' },
                contextValue: ';base;', // Show Environments Built on This Python
                collapsible: 'collapsed',
            };
        }
        case 'environment':
            return environmentView(node, state);
        case 'finding':
            return {
                label: node.finding.message,
                description: node.finding.code,
                tooltip: findingTooltip(node.finding),
                icon: severityIcon[node.finding.severity] ?? { id: 'info' },
                collapsible: 'none',
            };
        case 'suggestion':
            return {
                label: node.suggestion.title,
                description: node.suggestion.action,
                tooltip: `Suggested repair: ${markdownText(node.suggestion.title, { themeIcons: true })}\n\nIts plan is shown before anything changes.`,
                icon: { id: 'lightbulb' },
                contextValue: `;${ItemFlags.suggestion};`,
                collapsible: 'none',
            };
        case 'placeholder':
            return { label: node.message, collapsible: 'none' };
    }
}

function environmentView(node: EnvironmentNode, state: TreeState): ItemView {
    const env = node.environment;
    const used = node.folder ? usesEnvironment(state.usedBy(node.folder), env) : false;
    const top = env.findings?.find((f) => f.severity !== 'info') ?? env.findings?.[0];
    const tooltip = [
        `**${markdownText(environmentLabel(env, node.folder), { themeIcons: true })}** · ${env.health}${used ? ' · selected for this folder' : ''}`,
        top ? `${top.severity}: ${markdownText(top.message, { themeIcons: true })}` : 'No problem found.',
        `Interpreter: ${env.interpreter ? markdownCode(env.interpreter) : '`(none)`'}`,
    ];
    return {
        label: environmentLabel(env, node.folder),
        description: [used ? 'selected' : undefined, env.version, env.kind].filter(Boolean).join(' · '),
        tooltip: tooltip.join('\n\n'),
        icon: healthIcon[env.health] ?? { id: 'question' },
        contextValue: environmentContext(env, node.folder, state, used),
        collapsible: (env.findings?.length ?? 0) + (env.suggestions?.length ?? 0) > 0 ? 'collapsed' : 'none',
    };
}

/** `;environment;repairable;undoable;…;` — the leading and trailing `;` let a menu match a whole flag. */
export function environmentContext(env: Environment, folder: FolderRef | undefined, state: TreeState, used: boolean): string {
    const flags: string[] = [ItemFlags.environment];
    if (hasRepair(env)) {
        flags.push(ItemFlags.repairable);
    }
    if (offersMakeRelocatable(env)) {
        flags.push(ItemFlags.relocatable);
    }
    if (recreatableKinds.includes(env.kind)) {
        flags.push(ItemFlags.recreatable);
    }
    if (state.lastRepairPath !== undefined && platform().samePath(state.lastRepairPath, env.path)) {
        flags.push(ItemFlags.undoable);
    }
    if (env.interpreter) {
        flags.push(ItemFlags.hasInterpreter);
        if (!used) {
            flags.push(ItemFlags.usable);
        }
    }
    if (folder) {
        flags.push(ItemFlags.inWorkspace);
    }
    return `;${flags.join(';')};`;
}

/** Relative to its folder (`.venv`, `services/api/.venv`); outside any folder, the path with `~` for home. */
export function environmentLabel(env: Environment, folder: FolderRef | undefined): string {
    if (folder) {
        const relative = platform().path.relative(folder.fsPath, env.path);
        return relative === '' ? platform().path.basename(env.path) : relative;
    }
    return tildify(env.path);
}

function usesEnvironment(used: string | undefined, env: Environment): boolean {
    return !!used && ((!!env.interpreter && platform().samePath(used, env.interpreter)) || isInside(used, env.path));
}

function tildify(file: string): string {
    const home = os.homedir();
    return platform().samePath(file, home) ? file : platform().tildify(file, home);
}

function findingTooltip(finding: Finding): string {
    const evidence = Object.entries(finding.data ?? {}).map(([key, value]) => `- ${markdownText(key)}: ${markdownCode(value)}`);
    return [`**${finding.severity}** \`${finding.code}\`: ${markdownText(finding.message, { themeIcons: true })}`, ...evidence].join('\n\n');
}
