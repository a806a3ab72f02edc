// Venv Doctor: Select Interpreter. Every environment found, grouped (this folder, workspace, machine), then the
// base interpreters, then "Enter interpreter path…" and "Rescan". Broken environments show their top finding and a
// repair button; picking one asks whether to repair it or use it anyway.
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { labelText, plainText } from '../common/displayText';
import { compareBaseInterpreters, newestVersionFirst } from '../common/pythonVersion';
import { Strings, environmentName, interpreterName } from '../common/strings';
import * as api from '../common/vscodeApi';
import { BaseInterpreter, Environment } from '../sidecar/protocol';
import { FolderRef, Known } from './activeInterpreter';
import { isInside } from './environmentStore';
import { repairEnvironment } from './repair';
import { repointInterpreter } from './repoint';
import { scanMachine, scanWorkspace } from './scan';
import { Services } from './services';
import { platform } from '../common/platform';

export type PickTarget =
    | { type: 'environment'; environment: Environment }
    | { type: 'base'; interpreter: BaseInterpreter }
    | { type: 'enter-path' }
    | { type: 'rescan' };

export interface PickItem extends vscode.QuickPickItem {
    target?: PickTarget;
}

const healthIcon = { ok: '$(pass)', warning: '$(warning)', broken: '$(error)' } as const;
export const REPAIR_BUTTON_TOOLTIP = Strings.repairButton;

export function buildPickerItems(known: Known, folder: FolderRef | undefined, folders: FolderRef[], currentPath?: string): PickItem[] {
    const groups: { label: string; items: PickItem[] }[] = [
        { label: Strings.groupThisFolder, items: [] },
        { label: Strings.groupWorkspace, items: [] },
        { label: Strings.groupMachine, items: [] },
    ];
    // Best first: healthy, then the newest Python (by number, so 3.10 before 3.9), then by path.
    const healthRank = { ok: 0, warning: 1, broken: 2 } as const;
    const sorted = [...known.environments].sort(
        (a, b) => (healthRank[a.health] ?? 3) - (healthRank[b.health] ?? 3) || newestVersionFirst(a.version, b.version) || a.path.localeCompare(b.path),
    );
    for (const environment of sorted) {
        const owner = folders.find((f) => isInside(environment.path, f.fsPath));
        const group = folder && owner && platform().samePath(owner.fsPath, folder.fsPath) ? 0 : owner ? 1 : 2;
        groups[group].items.push(environmentItem(environment, owner, currentPath));
    }
    const items: PickItem[] = [];
    for (const group of groups) {
        if (group.items.length > 0) {
            items.push(separator(group.label), ...group.items);
        }
    }
    const environmentInterpreters = known.environments.map((e) => e.interpreter).filter((i): i is string => !!i);
    const bases = known.interpreters.filter((i) => !environmentInterpreters.some((e) => platform().samePath(e, i.executable))).sort(compareBaseInterpreters);
    if (bases.length > 0) {
        items.push(separator(Strings.groupBase));
        for (const interpreter of bases) {
            items.push({
                label: `$(symbol-misc) ${labelText(interpreter.version ? `Python ${interpreter.version}` : interpreterName(interpreter.executable))}`,
                description: labelText([interpreter.source, isCurrentPath(interpreter.executable, currentPath) ? 'current' : undefined].filter(Boolean).join(' · ')),
                detail: labelText(tildify(interpreter.executable)),
                target: { type: 'base', interpreter },
            });
        }
    }
    items.push(separator(''), { label: Strings.enterPath, target: { type: 'enter-path' } }, { label: Strings.rescan, target: { type: 'rescan' } });
    return items;
}

function environmentItem(environment: Environment, owner: FolderRef | undefined, currentPath: string | undefined): PickItem {
    const isCurrent = isCurrentPath(environment.interpreter, currentPath) || isCurrentPath(environment.path, currentPath);
    const where = owner ? platform().path.relative(owner.fsPath, environment.path) || '.' : tildify(environment.path);
    const top = environment.health === 'ok' ? undefined : environment.findings?.[0];
    const hasRepair = (environment.suggestions ?? []).length > 0;
    const name = environmentName(environment.path);
    // Names, prompts, paths and messages come from the workspace: escaped, and `$(` kept from drawing an icon.
    return {
        label: `${healthIcon[environment.health] ?? ''} ${labelText(environment.prompt && environment.prompt !== name ? `${name} (${environment.prompt})` : name)}`,
        description: labelText([environment.version, environment.kind, isCurrent ? 'current' : undefined].filter(Boolean).join(' · ')),
        detail: labelText(top ? `${where} — ${top.message}` : where),
        buttons: environment.health !== 'ok' && hasRepair ? [{ iconPath: new vscode.ThemeIcon('tools'), tooltip: REPAIR_BUTTON_TOOLTIP }] : undefined,
        target: { type: 'environment', environment },
    };
}

function isCurrentPath(file: string | null | undefined, currentPath: string | undefined): boolean {
    return !!file && currentPath !== undefined && platform().samePath(file, currentPath);
}

function separator(label: string): PickItem {
    return { label, kind: vscode.QuickPickItemKind.Separator };
}

function tildify(p: string): string {
    return platform().tildify(p, os.homedir());
}

export type PickerResult = { kind: 'picked'; item: PickItem } | { kind: 'button'; item: PickItem } | undefined;

/** What the picker shows now; `onDidChange` fires when that changes while it is open (a scan finished). */
export interface PickerSource {
    items(): PickItem[];
    busy(): boolean;
    onDidChange(listener: () => void): { dispose(): void };
}

/** Shows the items; resolves with the picked item, the item whose repair button was pressed, or undefined. */
export function showPicker(source: PickerSource, folderName: string | undefined): Promise<PickerResult> {
    const quickPick = api.createQuickPick<PickItem>();
    quickPick.title = Strings.pickerTitle;
    quickPick.placeholder = folderName ? plainText(Strings.pickerPlaceholder(folderName)) : undefined;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.items = source.items();
    quickPick.busy = source.busy();
    const subscription = source.onDidChange(() => {
        quickPick.items = source.items();
        quickPick.busy = source.busy();
    });
    return new Promise<PickerResult>((resolve) => {
        let result: PickerResult;
        quickPick.onDidAccept(() => {
            const item = quickPick.selectedItems[0];
            result = item ? { kind: 'picked', item } : undefined;
            quickPick.hide();
        });
        quickPick.onDidTriggerItemButton((event) => {
            result = { kind: 'button', item: event.item };
            quickPick.hide();
        });
        quickPick.onDidHide(() => {
            subscription.dispose();
            quickPick.dispose();
            resolve(result);
        });
        quickPick.show();
    });
}

/** The command handler. */
export async function selectInterpreter(services: Services): Promise<void> {
    const folder = services.activeFolder();
    void scanMachine(services); // once per session, in the background; the open picker updates when it ends
    const folders = api.workspaceFolders().map(toFolderRef);
    const store = services.store;
    const currentPath = services.activeInterpreter().interpreterPath;
    const source: PickerSource = {
        items: () =>
            buildPickerItems(
                { environments: store.environments, interpreters: store.interpreters, settings: store.settings },
                folder ? toFolderRef(folder) : undefined,
                folders,
                currentPath,
            ),
        busy: () => store.scanning,
        onDidChange: (listener) => store.onDidChange(listener),
    };
    const result = await showPicker(source, folder?.name);
    const target = result?.item.target;
    if (!target) {
        return;
    }
    if (result.kind === 'button' && target.type === 'environment') {
        await repairEnvironment(services, target.environment.path);
        return;
    }
    await handlePick(services, target, folder);
}

export async function handlePick(services: Services, target: PickTarget, folder: vscode.WorkspaceFolder | undefined): Promise<void> {
    switch (target.type) {
        case 'rescan':
            await scanWorkspace(services);
            await selectInterpreter(services);
            return;
        case 'enter-path': {
            const entered = await api.showInputBox({
                prompt: Strings.enterPathPrompt,
                validateInput: (value) => (value.trim() !== '' && fs.existsSync(value.trim()) ? undefined : Strings.interpreterPathMissing(value)),
            });
            if (entered && folder) {
                await use(services, folder, interpreterIn(entered.trim()));
            }
            return;
        }
        case 'base':
            if (folder) {
                await use(services, folder, target.interpreter.executable);
            }
            return;
        case 'environment': {
            const environment = target.environment;
            if (environment.health === 'broken' && (environment.suggestions ?? []).length > 0) {
                const choice = await api.showQuickPick(
                    [
                        ...(environment.suggestions ?? []).map((s) => ({ label: `$(tools) ${labelText(s.title)}`, action: s.action })),
                        { label: Strings.useAnyway, action: undefined },
                    ],
                    { title: plainText(`${environmentName(environment.path)}: ${environment.findings?.[0]?.message ?? 'broken'}`) },
                );
                if (!choice) {
                    return;
                }
                if (choice.action) {
                    await repairEnvironment(services, environment.path, choice.action);
                    return;
                }
            }
            if (folder) {
                await use(services, folder, environment.interpreter ?? environment.path);
            }
            return;
        }
    }
}

async function use(services: Services, folder: vscode.WorkspaceFolder, interpreterPath: string): Promise<void> {
    const via = await repointInterpreter(services, folder, interpreterPath);
    if (via) {
        services.logger.info(`${folder.name}: interpreter set to ${interpreterPath} (via ${via})`);
    }
    services.refreshStatus();
}

/** An environment folder stands for its interpreter (python.defaultInterpreterPath wants the executable). */
export function interpreterIn(entered: string, exists: (file: string) => boolean = fs.existsSync): string {
    for (const candidate of platform().interpreterCandidates(entered)) {
        if (exists(candidate)) {
            return candidate;
        }
    }
    return entered;
}

export function toFolderRef(folder: vscode.WorkspaceFolder): FolderRef {
    return { name: folder.name, fsPath: folder.uri.fsPath };
}
