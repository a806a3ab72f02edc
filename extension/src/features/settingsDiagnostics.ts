// A stale python.defaultInterpreterPath in .vscode/settings.json (or a .code-workspace file) is underlined where its
// value is written, with a quick fix that re-points it to the environment the sidecar found. The sidecar says which
// settings are stale (venv/list `settings`); jsonc-parser only finds the value's range (settings files allow
// comments); that is a read. The fix, in a folder's settings.json and in a .code-workspace file alike, is the
// sidecar's journaled venv/setInterpreterSetting (the one editor of those files; Undo Last Repair reverts it).
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { plainText } from '../common/displayText';
import * as api from '../common/vscodeApi';
import { InterpreterSetting } from '../sidecar/protocol';
import { CommandIds } from './commands';
import { readTextForPreview } from './views/repairPreview';

export const DIAGNOSTIC_SOURCE = 'Venv Doctor';
export const DIAGNOSTIC_CODE = 'stale-interpreter-setting';

export interface TextPosition {
    line: number;
    character: number;
}

export interface SettingProblem {
    file: string;
    start: TextPosition;
    end: TextPosition;
    message: string;
    suggestion?: string;
}

/** The range of the value of `key` (with its quotes). Workspace files keep settings under "settings". */
export function findValueRange(text: string, key: string, file: string): { offset: number; length: number } | undefined {
    const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    if (!root) {
        return undefined;
    }
    const location = file.endsWith('.code-workspace') ? ['settings', key] : [key];
    const node = findNodeAtLocation(root, location);
    return node ? { offset: node.offset, length: node.length } : undefined;
}

export function offsetToPosition(text: string, offset: number): TextPosition {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === '\n') {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, character: offset - lineStart };
}

/** What the editor says of a settings file the sidecar could not check (`unreadable` is its reason: "is a FIFO, …"). */
export function unreadableMessage(reason: string): string {
    return `Venv Doctor did not check the interpreter settings in this file: it ${reason}.`;
}

export function settingProblems(settings: InterpreterSetting[], readText: (file: string) => string | undefined): SettingProblem[] {
    const problems: SettingProblem[] = [];
    for (const setting of settings) {
        if (setting.unreadable) {
            // The sidecar could not read this file completely (a FIFO, too large, nested too deeply): say so at its top
            // rather than read it here, where a FIFO would block the window.
            problems.push({ file: setting.file, start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, message: unreadableMessage(setting.unreadable) });
            continue;
        }
        if (setting.resolves) {
            continue;
        }
        const text = readText(setting.file);
        const range = text === undefined ? undefined : findValueRange(text, setting.key, setting.file);
        if (!text || !range) {
            continue;
        }
        const message =
            `${setting.key} points to "${setting.value}", which does not exist.` +
            (setting.suggestion ? ` The environment is now at ${setting.suggestion}.` : '');
        problems.push({
            file: setting.file,
            start: offsetToPosition(text, range.offset),
            end: offsetToPosition(text, range.offset + range.length),
            message: plainText(message), // the Problems panel shows the settings value: escaped
            suggestion: setting.suggestion ?? undefined,
        });
    }
    return problems;
}

/** Owns the diagnostic collection and answers quick-fix requests for it. */
export class SettingsDiagnostics implements vscode.CodeActionProvider {
    static readonly selector: vscode.DocumentSelector = [
        { scheme: 'file', pattern: '**/.vscode/settings.json' },
        { scheme: 'file', pattern: '**/*.code-workspace' },
    ];
    private readonly collection: vscode.DiagnosticCollection;
    private readonly suggestions = new Map<string, string>();

    // The bounded reader of the repair preview: regular, small files only, opened without blocking.
    constructor(private readonly readText: (file: string) => string | undefined = readTextForPreview) {
        this.collection = api.createDiagnosticCollection('venvDoctor');
    }

    update(settings: InterpreterSetting[]): void {
        this.collection.clear();
        this.suggestions.clear();
        const byFile = new Map<string, vscode.Diagnostic[]>();
        for (const problem of settingProblems(settings, this.readText)) {
            const range = new vscode.Range(problem.start.line, problem.start.character, problem.end.line, problem.end.character);
            const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Warning);
            diagnostic.source = DIAGNOSTIC_SOURCE;
            diagnostic.code = DIAGNOSTIC_CODE;
            if (problem.suggestion) {
                this.suggestions.set(suggestionKey(problem.file, range), problem.suggestion);
            }
            byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
        }
        for (const [file, diagnostics] of byFile) {
            this.collection.set(vscode.Uri.file(file), diagnostics);
        }
    }

    provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
            if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== DIAGNOSTIC_CODE) {
                continue;
            }
            const suggestion = this.suggestions.get(suggestionKey(document.uri.fsPath, diagnostic.range));
            if (!suggestion) {
                continue;
            }
            const action = new vscode.CodeAction(`Re-point to ${suggestion}`, vscode.CodeActionKind.QuickFix);
            action.command = { command: CommandIds.repointSetting, title: action.title, arguments: [document.uri.fsPath, suggestion] };
            action.diagnostics = [diagnostic];
            action.isPreferred = true;
            actions.push(action);
        }
        return actions;
    }

    dispose(): void {
        this.collection.dispose();
    }
}

function suggestionKey(file: string, range: vscode.Range): string {
    return `${file}|${range.start.line}:${range.start.character}`;
}
