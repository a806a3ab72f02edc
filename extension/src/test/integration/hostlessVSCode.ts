// activate() for real, outside VS Code: the `vscode` stand-in (src/test/unit/vscodeMock.ts) gets just enough
// window/workspace/commands members for the extension to run, recording what it shows. restoreVSCode() removes them.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import * as extension from '../../extension';
import { VenvDoctorApi } from '../../extension';
import { SECTION, SettingKeys } from '../../common/settings';
import { MemoryState } from '../unit/helpers';

export const extensionRoot = path.join(__dirname, '..', '..', '..');
export const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const mock = vscode as unknown as Record<string, Record<string, unknown>>;
const disposable = () => ({ dispose: () => undefined });
let assigned: [Record<string, unknown>, string][] = [];

/** The extension's entry points: the compiled sources by default, or a bundle (what the VSIX ships). */
export type Entry = Pick<typeof extension, 'activate' | 'deactivate'>;
let activeEntry: Entry | undefined;

function set(ns: string, member: string, value: unknown): void {
    mock[ns][member] = value;
    assigned.push([mock[ns], member]);
}

/** Deactivates the extension and takes the stand-in members away again. */
export async function restoreVSCode(): Promise<void> {
    await activeEntry?.deactivate();
    activeEntry = undefined;
    for (const [ns, member] of assigned) {
        delete ns[member];
    }
    assigned = [];
}

export interface Activated {
    exported: VenvDoctorApi;
    item: Record<string, unknown>;
    commands: Map<string, (...args: unknown[]) => unknown>;
    log: string[];
    diagnostics: Map<string, vscode.Diagnostic[]>;
    documents: string[];
    /** Read-only documents by URI scheme (the report, repair plans' diffs). */
    contentProviders: Map<string, vscode.TextDocumentContentProvider>;
    /** Resolves when the status item's text first matches. */
    statusMatches(pattern: RegExp, timeoutMs?: number): Promise<string>;
    context: { subscriptions: { dispose(): unknown }[] };
}

export type Answer = (message: string, buttons: string[]) => string | undefined;

/** pyvenv.cfg files under `folder` (a test's small scratch tree), as `findFiles('**\/pyvenv.cfg')` finds them. */
function environmentFiles(folder: string): vscode.Uri[] {
    return (fs.readdirSync(folder, { recursive: true }) as string[])
        .filter((name) => path.basename(name) === 'pyvenv.cfg')
        .map((name) => vscode.Uri.file(path.join(folder, name)));
}

export function activateWith(
    tempDir: string,
    sidecarPath: string,
    workspaceFolder: string,
    interpreterSetting?: string,
    answer: Answer = () => undefined,
    entry: Entry = extension,
): Activated {
    const watchers: { pattern: RegExp; resolve: (text: string) => void }[] = [];
    const item: Record<string, unknown> = { dispose: () => undefined };
    item.show = () => (item.visible = true);
    item.hide = () => (item.visible = false);
    let text = '';
    Object.defineProperty(item, 'text', {
        get: () => text,
        set: (value: string) => {
            text = value;
            watchers.filter((w) => w.pattern.test(value)).forEach((w) => w.resolve(value));
        },
    });
    const commands = new Map<string, (...args: unknown[]) => unknown>();
    const log: string[] = [];
    const channel = { info: (m: string) => log.push(m), warn: (m: string) => log.push(m), error: (m: string) => log.push(m), appendLine: (m: string) => log.push(m), show: () => undefined, dispose: () => undefined };
    const diagnostics = new Map<string, vscode.Diagnostic[]>();
    const documents: string[] = [];
    const folder = { uri: vscode.Uri.file(workspaceFolder), name: path.basename(workspaceFolder), index: 0 };

    set('window', 'createOutputChannel', () => channel);
    set('window', 'createStatusBarItem', (id: string) => {
        item.id = id;
        return item;
    });
    set('window', 'onDidChangeActiveTextEditor', disposable);
    set('window', 'activeTextEditor', undefined);
    set('window', 'showTextDocument', async () => undefined);
    // Notifications and modal dialogs are answered by `answer` (by default: dismissed).
    for (const name of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage']) {
        set('window', name, async (message: string, ...rest: unknown[]) => {
            const buttons = rest.filter((r): r is string => typeof r === 'string');
            log.push(`notification: ${message}`);
            return answer(message, buttons);
        });
    }
    set('window', 'withProgress', async (options: { title: string }, task: (progress: unknown, token: unknown) => Promise<unknown>) => {
        log.push(`progress: ${options.title}`);
        const token = { isCancellationRequested: false, onCancellationRequested: () => disposable() };
        return task({ report: (value: { message?: string }) => log.push(`progress report: ${value.message ?? ''}`) }, token);
    });
    set('workspace', 'workspaceFolders', [folder]);
    set('workspace', 'getWorkspaceFolder', () => folder);
    set('workspace', 'getConfiguration', (section: string) => ({
        get: (key: string) =>
            section === SECTION && key === SettingKeys.sidecarPath
                ? sidecarPath
                : section === 'python' && key === 'defaultInterpreterPath'
                  ? interpreterSetting // what VS Code reads from the folder's settings.json
                  : undefined,
    }));
    set('workspace', 'onDidChangeConfiguration', disposable);
    set('workspace', 'onDidChangeWorkspaceFolders', disposable);
    set('workspace', 'createFileSystemWatcher', () => ({
        onDidCreate: disposable,
        onDidChange: disposable,
        onDidDelete: disposable,
        dispose: () => undefined,
    }));
    // What the workspace holds, as VS Code's search would say: pyvenv.cfg files on disk; a folder that is not on
    // disk is the fake sidecar's workspace, which holds the .venv it reports.
    set('workspace', 'textDocuments', []);
    set('workspace', 'onDidOpenTextDocument', disposable);
    set('workspace', 'findFiles', async () =>
        fs.existsSync(workspaceFolder) ? environmentFiles(workspaceFolder) : [vscode.Uri.file(path.join(workspaceFolder, '.venv', 'pyvenv.cfg'))],
    );
    set('workspace', 'openTextDocument', async (options: { content: string }) => {
        documents.push(options.content);
        return {};
    });
    set('commands', 'registerCommand', (id: string, handler: (...args: unknown[]) => unknown) => {
        commands.set(id, handler);
        return disposable();
    });
    set('languages', 'createDiagnosticCollection', () => ({
        set: (uri: vscode.Uri, list: vscode.Diagnostic[]) => diagnostics.set(uri.fsPath, list),
        clear: () => diagnostics.clear(),
        dispose: () => undefined,
    }));
    set('languages', 'registerCodeActionsProvider', disposable);
    // The Environments view and the read-only documents (plan diffs, the report): present, drawn by nobody.
    set('window', 'createTreeView', () => ({
        visible: false,
        onDidExpandElement: disposable,
        onDidCollapseElement: disposable,
        onDidChangeVisibility: disposable,
        dispose: () => undefined,
    }));
    const contentProviders = new Map<string, vscode.TextDocumentContentProvider>();
    set('workspace', 'registerTextDocumentContentProvider', (scheme: string, provider: vscode.TextDocumentContentProvider) => {
        contentProviders.set(scheme, provider);
        return disposable();
    });
    set('commands', 'executeCommand', async (id: string, ...args: unknown[]) => {
        if (id !== 'setContext') {
            log.push(`command: ${id} ${JSON.stringify(args)}`);
        }
        return undefined;
    });
    set('extensions', 'getExtension', () => undefined);
    set('env', 'shell', '/bin/bash');
    set('env', 'onDidChangeShell', disposable);

    const context = {
        subscriptions: [] as { dispose(): unknown }[],
        extensionPath: path.join(tempDir, 'ext'),
        workspaceState: new MemoryState(),
        extension: { packageJSON: manifest },
    };
    activeEntry = entry;
    const exported = entry.activate(context as unknown as vscode.ExtensionContext);
    const statusMatches = (pattern: RegExp, timeoutMs = 30_000) =>
        pattern.test(text)
            ? Promise.resolve(text)
            : new Promise<string>((resolve, reject) => {
                  const timer = setTimeout(() => reject(new Error(`status is "${text}", not ${pattern}; log:\n${log.join('\n')}`)), timeoutMs);
                  watchers.push({ pattern, resolve: (value) => (clearTimeout(timer), resolve(value)) });
              });
    return { exported, item, commands, log, diagnostics, documents, contentProviders, statusMatches, context };
}
