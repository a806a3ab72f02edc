// The repair confirmation: one line saying what will happen, with Apply repair and Show Changes. Show Changes opens
// VS Code's multi-file diff editor (before ⇄ after for every file the plan writes, served read-only from the plan)
// and asks again from a notification, so the diff stays in view while deciding.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { plainText } from '../../common/displayText';
import { Strings } from '../../common/strings';
import * as api from '../../common/vscodeApi';
import { RepairPlan } from '../../sidecar/protocol';
import { ChangeEntry, PLAN_SCHEME, ReadText, Side, changeEntries, summarizePlan } from './planPreview';
import { platform } from '../../common/platform';

/** Larger files are shown as their changed lines only: a diff of a multi-megabyte file helps nobody. */
const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;
/** Plans kept for documents still open in a diff editor; older ones are dropped. */
const KEPT_PLANS = 8;

/** The plans' before/after documents, by URI: `venv-doctor-plan:/abs/file?plan=N&entry=I&side=before`. */
export class PlanDocuments implements vscode.TextDocumentContentProvider {
    private readonly plans = new Map<string, ChangeEntry[]>();
    private nextId = 0;

    add(entries: ChangeEntry[]): string {
        const id = String(++this.nextId);
        this.plans.set(id, entries);
        for (const old of [...this.plans.keys()].slice(0, Math.max(0, this.plans.size - KEPT_PLANS))) {
            this.plans.delete(old);
        }
        return id;
    }

    /** The text of one side of one entry, from the URI's query; a note when the plan is gone. */
    content(query: string): string {
        const params = new URLSearchParams(query);
        const entry = this.plans.get(params.get('plan') ?? '')?.[Number(params.get('entry'))];
        if (!entry) {
            return '(This repair plan is no longer available: plan the repair again to see its changes.)\n';
        }
        return params.get('side') === 'after' ? entry.after : entry.before;
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.content(uri.query);
    }
}

export const planDocuments = new PlanDocuments();

export function planUri(file: string, planId: string, entry: number, side: Side): vscode.Uri {
    return vscode.Uri.from({ scheme: PLAN_SCHEME, path: file, query: `plan=${planId}&entry=${entry}&side=${side}` });
}

/** Asks before a repair is applied. True to apply. */
export async function confirmRepair(plan: RepairPlan, documents: PlanDocuments = planDocuments): Promise<boolean> {
    const summary = summarizePlan(plan);
    const choice = await api.showModalWarning(summary, Strings.repairBackupNote, Strings.applyRepair, Strings.showChanges);
    if (choice === Strings.applyRepair) {
        return true;
    }
    if (choice !== Strings.showChanges) {
        return false;
    }
    await showChanges(plan, documents);
    return (await api.showInformationMessage(summary, Strings.applyRepair, Strings.cancel)) === Strings.applyRepair;
}

/** Opens the plan in the multi-file diff editor (`vscode.changes`, VS Code 1.85+). */
export async function showChanges(plan: RepairPlan, documents: PlanDocuments = planDocuments): Promise<void> {
    const entries = changeEntries(plan, readTextForPreview);
    const id = documents.add(entries);
    const resources = entries.map((entry, i) => [vscode.Uri.file(entry.file), planUri(entry.file, id, i, 'before'), planUri(entry.file, id, i, 'after')]);
    await api.executeCommand('vscode.changes', plainText(Strings.changesTitle(platform().path.basename(plan.path))), resources); // the editor's title names the folder
}

/**
 * The file as it is now, for the "before" side. Only regular, small, UTF-8 text files: a FIFO or device planted in
 * the workspace would block or never end, and binary content is listed by name instead.
 */
export const readTextForPreview: ReadText = (file) => {
    let fd: number | undefined;
    try {
        // Opened without blocking and checked on the open descriptor, so a file swapped for a FIFO after a check
        // cannot hang the window.
        fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
        const stat = fs.fstatSync(fd);
        if (!stat.isFile() || stat.size > MAX_PREVIEW_BYTES) {
            return undefined;
        }
        const bytes = fs.readFileSync(fd);
        return bytes.includes(0) ? undefined : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        return undefined;
    } finally {
        if (fd !== undefined) {
            fs.closeSync(fd);
        }
    }
};
