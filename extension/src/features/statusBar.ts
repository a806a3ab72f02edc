// The status-bar item: the interpreter the active folder uses, its version and health; busy while scanning; a
// tooltip listing what is wrong. statusView() decides what to show (pure, tested); StatusBar owns the item.
import * as vscode from 'vscode';
import { labelText, markdownCode, markdownText } from '../common/displayText';
import { Strings, interpreterName } from '../common/strings';
import * as api from '../common/vscodeApi';
import { Finding } from '../sidecar/protocol';
import { SessionState } from '../sidecar/sidecarSession';
import { ActiveInterpreter, FolderRef } from './activeInterpreter';
import { environmentLabel } from './environmentLabel';
import { platform } from '../common/platform';

/** The tooltip is a MarkdownString with theme icons: workspace text in it is escaped for both (common/displayText). */
const icons = { themeIcons: true };

export const STATUS_ITEM_ID = 'venvDoctor.status';
export const SELECT_COMMAND = 'venvDoctor.selectInterpreter';
export const SHOW_LOG_COMMAND = 'venvDoctor.showLog';

export interface StatusView {
    text: string;
    /** Markdown (theme icons allowed). */
    tooltip: string;
    background?: 'warning' | 'error';
    command: string;
}

export interface StatusInputs {
    active: ActiveInterpreter;
    /** Paths of the environments in the workspace folders, to tell apart namesakes (`a/.venv`, `b/.venv`). */
    workspaceEnvironments?: readonly string[];
    folders?: readonly FolderRef[];
    scanning: boolean;
    sessionState: SessionState;
    sessionFailure?: string;
}

const healthIcon = { ok: '$(pass)', warning: '$(warning)', broken: '$(error)' } as const;
const severityIcon = { info: '$(info)', warning: '$(warning)', error: '$(error)' } as const;
const sourceText = {
    'python-environments': 'the Python Environments extension',
    'python-extension': 'the Python extension',
    setting: 'python.defaultInterpreterPath',
    discovered: 'found in this folder (not selected yet)',
    none: 'nothing selected',
} as const;

export function statusView(inputs: StatusInputs): StatusView {
    const { active } = inputs;
    if (inputs.sessionState === SessionState.Failed) {
        return {
            text: Strings.statusSidecarFailed,
            tooltip: `**Venv Doctor is not running.**\n\n${markdownText(inputs.sessionFailure ?? '', icons)}\n\nClick to see its log.`,
            background: 'error',
            command: SHOW_LOG_COMMAND,
        };
    }
    if (!active.interpreterPath) {
        return {
            text: inputs.scanning ? Strings.statusScanning : Strings.statusNoInterpreter,
            tooltip: inputs.scanning ? 'Looking for Python environments…' : 'No Python interpreter selected or found. Click to choose one.',
            command: SELECT_COMMAND,
        };
    }
    const { label, health, findings, topRepair } = describe(active, inputs.workspaceEnvironments ?? [], inputs.folders ?? []);
    const icon = inputs.scanning ? '$(sync~spin)' : healthIcon[health];
    const lines = [`**${markdownText(label, icons)}**`, '', markdownCode(active.interpreterPath), '', `Chosen by ${sourceText[active.source]}.`];
    if (active.missing) {
        lines.push('', `$(error) This interpreter does not exist any more.`);
    }
    if (findings.length > 0) {
        // Most severe first: the top finding is the one the notification told about.
        lines.push('', ...findings.map((f) => `- ${severityIcon[f.severity] ?? ''} ${markdownText(f.message, icons)} (\`${f.code}\`)`));
    }
    if (topRepair) {
        lines.push('', `Suggested repair: ${markdownText(topRepair, icons)}`);
    }
    if (inputs.scanning) {
        lines.push('', 'Scanning…');
    }
    lines.push('', 'Click to select an interpreter.');
    return {
        text: `${icon} ${labelText(label)}`,
        tooltip: lines.join('\n'),
        background: health === 'ok' ? undefined : health === 'warning' ? 'warning' : 'error',
        command: SELECT_COMMAND,
    };
}

interface Described {
    label: string;
    health: 'ok' | 'warning' | 'broken';
    findings: Finding[];
    topRepair?: string;
}

function describe(active: ActiveInterpreter, workspaceEnvironments: readonly string[], folders: readonly FolderRef[]): Described {
    if (active.environment) {
        const env = active.environment;
        const name = environmentLabel(env.path, workspaceEnvironments, folders);
        return {
            label: env.version ? `${name} (${env.version})` : name,
            health: env.health,
            findings: bySeverity(env.findings ?? []),
            topRepair: env.health === 'ok' ? undefined : env.suggestions?.[0]?.title,
        };
    }
    if (active.base) {
        const name = platform().path.basename(active.base.executable);
        return { label: active.base.version ? `${name} (${active.base.version})` : name, health: 'ok', findings: [] };
    }
    const name = interpreterName(active.interpreterPath ?? '');
    return active.missing ? { label: `${name} (missing)`, health: 'broken', findings: [] } : { label: name, health: 'ok', findings: [] };
}

const severityRank = { error: 0, warning: 1, info: 2 } as const;

/** Most severe first, keeping the sidecar's order within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
    return [...findings].sort((a, b) => (severityRank[a.severity] ?? 3) - (severityRank[b.severity] ?? 3));
}


/** Owns the one status item; render() is the only place that writes to it. */
export class StatusBar {
    private readonly item: vscode.StatusBarItem;
    private visible = true;

    constructor() {
        this.item = api.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 100);
        this.item.name = Strings.statusItemName;
    }

    render(view: StatusView): void {
        this.item.text = view.text;
        const tooltip = new vscode.MarkdownString(view.tooltip, true);
        this.item.tooltip = tooltip;
        this.item.backgroundColor =
            view.background === 'error'
                ? new vscode.ThemeColor('statusBarItem.errorBackground')
                : view.background === 'warning'
                  ? new vscode.ThemeColor('statusBarItem.warningBackground')
                  : undefined;
        this.item.command = view.command;
        if (this.visible) {
            this.item.show();
        }
    }

    /** Hidden while Venv Doctor is dormant (features/footprint.ts): a workspace without Python gets no item. */
    setVisible(visible: boolean): void {
        this.visible = visible;
        if (visible) {
            this.item.show();
        } else {
            this.item.hide();
        }
    }

    dispose(): void {
        this.item.dispose();
    }
}
