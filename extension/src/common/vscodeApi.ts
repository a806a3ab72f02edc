// VS Code's functions that features call, wrapped so unit tests stub these exports with sinon instead of needing a
// VS Code host. (Activation's own event subscriptions, activation/workspaceEvents.ts, call VS Code directly: they run
// only in a real host.) Keep each wrapper a one-liner: no logic lives here, but for one guarantee: every
// notification's text passes notificationText, so no message (whatever workspace name or error it quotes) reaches
// VS Code with control characters or a link in it, and a new notification cannot forget.
import * as vscode from 'vscode';
import { notificationText } from './displayText';

export function showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showInformationMessage(notificationText(message), ...items);
}

export function showWarningMessage(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(notificationText(message), ...items);
}

export function showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showErrorMessage(notificationText(message), ...items);
}

export function showModalWarning(message: string, detail: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(notificationText(message), { modal: true, detail: notificationText(detail) }, ...items);
}

export function createStatusBarItem(id: string, alignment: vscode.StatusBarAlignment, priority: number): vscode.StatusBarItem {
    return vscode.window.createStatusBarItem(id, alignment, priority);
}

export function createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
    return vscode.window.createQuickPick<T>();
}

export function showQuickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    return vscode.window.showQuickPick(items, options);
}

export function showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return vscode.window.showInputBox(options);
}

export function withProgress<R>(
    options: vscode.ProgressOptions,
    task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
    return vscode.window.withProgress(options, task);
}

export function createLogOutputChannel(name: string): vscode.LogOutputChannel {
    return vscode.window.createOutputChannel(name, { log: true });
}

export function getConfiguration(section: string, scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(section, scope);
}

/** The path of the shell VS Code's default terminal profile runs (`vscode.env.shell`). */
export function defaultShell(): string {
    return vscode.env.shell;
}

export function workspaceFolders(): readonly vscode.WorkspaceFolder[] {
    return vscode.workspace.workspaceFolders ?? [];
}

export function getWorkspaceFolder(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri);
}

export function activeTextEditorUri(): vscode.Uri | undefined {
    return vscode.window.activeTextEditor?.document.uri;
}

export function isWorkspaceTrusted(): boolean {
    return vscode.workspace.isTrusted;
}

export function registerCommand(id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(id, handler);
}

export function executeCommand<T>(id: string, ...args: unknown[]): Thenable<T> {
    return vscode.commands.executeCommand<T>(id, ...args);
}

export function createDiagnosticCollection(name: string): vscode.DiagnosticCollection {
    return vscode.languages.createDiagnosticCollection(name);
}

export function registerCodeActionsProvider(
    selector: vscode.DocumentSelector,
    provider: vscode.CodeActionProvider,
    metadata: vscode.CodeActionProviderMetadata,
): vscode.Disposable {
    return vscode.languages.registerCodeActionsProvider(selector, provider, metadata);
}

export function isExtensionInstalled(id: string): boolean {
    return vscode.extensions.getExtension(id) !== undefined;
}

export function onDidChangeConfiguration(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration(listener);
}

export function createFileSystemWatcher(glob: string): vscode.FileSystemWatcher {
    return vscode.workspace.createFileSystemWatcher(glob);
}

export function registerTextDocumentContentProvider(scheme: string, provider: vscode.TextDocumentContentProvider): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(scheme, provider);
}

export function createTreeView<T>(viewId: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T> {
    return vscode.window.createTreeView(viewId, options);
}

export function writeClipboard(text: string): Thenable<void> {
    return vscode.env.clipboard.writeText(text);
}
