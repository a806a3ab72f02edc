// The parts of the `vscode` module that unit tests need: value classes and enums with VS Code's shapes.
// Functions (window.*, workspace.*) are reached through src/common/vscodeApi.ts and stubbed there.
/* eslint-disable @typescript-eslint/no-explicit-any */

export class ThemeColor {
    constructor(readonly id: string) {}
}

export class ThemeIcon {
    constructor(readonly id: string, readonly color?: ThemeColor) {}
}

export class MarkdownString {
    isTrusted = false;
    supportThemeIcons = false;
    constructor(public value = '', supportThemeIcons = false) {
        this.supportThemeIcons = supportThemeIcons;
    }
    appendMarkdown(text: string): MarkdownString {
        this.value += text;
        return this;
    }
    appendText(text: string): MarkdownString {
        this.value += text.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
        return this;
    }
}

export class Position {
    constructor(readonly line: number, readonly character: number) {}
}

export class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(startLine: number | Position, startChar: number | Position, endLine?: number, endChar?: number) {
        if (startLine instanceof Position && startChar instanceof Position) {
            this.start = startLine;
            this.end = startChar;
        } else {
            this.start = new Position(startLine as number, startChar as number);
            this.end = new Position(endLine!, endChar!);
        }
    }
    intersection(other: Range): Range | undefined {
        const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
        return before(this.start, other.end) && before(other.start, this.end) ? this : undefined;
    }
}

export class Uri {
    private constructor(readonly scheme: string, readonly fsPath: string, readonly query = '') {}
    static file(fsPath: string): Uri {
        return new Uri('file', fsPath);
    }
    static from(components: { scheme: string; path: string; query?: string }): Uri {
        return new Uri(components.scheme, components.path, components.query);
    }
    get path(): string {
        return this.fsPath;
    }
    toString(): string {
        return `${this.scheme}://${this.fsPath}`;
    }
}

export enum DiagnosticSeverity {
    Error = 0,
    Warning = 1,
    Information = 2,
    Hint = 3,
}

export class Diagnostic {
    source?: string;
    code?: string | number;
    constructor(readonly range: Range, readonly message: string, readonly severity = DiagnosticSeverity.Error) {}
}

export class CodeActionKind {
    static readonly QuickFix = new CodeActionKind('quickfix');
    constructor(readonly value: string) {}
}

export class WorkspaceEdit {
    readonly edits: { uri: Uri; range: Range; newText: string }[] = [];
    replace(uri: Uri, range: Range, newText: string): void {
        this.edits.push({ uri, range, newText });
    }
}

export class CodeAction {
    edit?: WorkspaceEdit;
    command?: { command: string; title: string; arguments?: unknown[] };
    diagnostics?: Diagnostic[];
    isPreferred?: boolean;
    constructor(readonly title: string, readonly kind?: CodeActionKind) {}
}

export enum TreeItemCollapsibleState {
    None = 0,
    Collapsed = 1,
    Expanded = 2,
}

export class TreeItem {
    id?: string;
    description?: string;
    tooltip?: string | MarkdownString;
    iconPath?: ThemeIcon;
    contextValue?: string;
    constructor(readonly label: string, readonly collapsibleState = TreeItemCollapsibleState.None) {}
}

export enum StatusBarAlignment {
    Left = 1,
    Right = 2,
}

export enum QuickPickItemKind {
    Separator = -1,
    Default = 0,
}

export enum ConfigurationTarget {
    Global = 1,
    Workspace = 2,
    WorkspaceFolder = 3,
}

export enum ProgressLocation {
    SourceControl = 1,
    Window = 10,
    Notification = 15,
}

export class EventEmitter<T> {
    private listeners: ((value: T) => void)[] = [];
    event = (listener: (value: T) => void) => {
        this.listeners.push(listener);
        return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
    };
    fire(value: T): void {
        this.listeners.forEach((l) => l(value));
    }
    dispose(): void {
        this.listeners = [];
    }
}

export class Disposable {
    constructor(private readonly callOnDispose: () => void) {}
    static from(...items: { dispose(): unknown }[]): Disposable {
        return new Disposable(() => items.forEach((i) => i.dispose()));
    }
    dispose(): void {
        this.callOnDispose();
    }
}

export class RelativePattern {
    constructor(
        readonly base: unknown,
        readonly pattern: string,
    ) {}
}

export class CancellationTokenSource {
    private cancelled = false;
    readonly token = {
        isCancellationRequested: false,
        onCancellationRequested: () => ({ dispose: () => undefined }),
    };
    cancel(): void {
        this.cancelled = true;
        this.token.isCancellationRequested = this.cancelled;
    }
    dispose(): void {}
}

const unavailable = (name: string) => () => {
    throw new Error(`vscode.${name} is not available in unit tests; stub src/common/vscodeApi.ts instead`);
};

/** A namespace whose members tests may assign (and delete); anything else throws when called. */
function namespace(name: string): any {
    return new Proxy({} as Record<string | symbol, unknown>, {
        get: (target, p) => (p in target ? target[p] : unavailable(`${name}.${String(p)}`)),
    });
}

export const window: any = namespace('window');
export const workspace: any = namespace('workspace');
export const commands: any = namespace('commands');
export const languages: any = namespace('languages');
export const extensions: any = namespace('extensions');
export const env: any = namespace('env');

// Events nobody fires in a unit test, so code may subscribe without a stub (tests that fire one stub vscodeApi).
workspace.onDidChangeConfiguration = () => new Disposable(() => undefined);
