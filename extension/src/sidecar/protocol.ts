// The sidecar's wire contract (docs/protocol.md), in one place: every type and method name the extension sends or
// receives. When the contract changes, this file is the one edit on this side; tests/contract keeps it in step with
// the doc and the server (a sample per message, type-checked here by src/test/unit/contract).
//
// Nulls (docs/protocol.md §3): what the server sends has every member, null when unknown, [] when empty, so these
// types have no optional members; what the extension sends may leave out what it does not set.
import { NotificationType, NotificationType0, ProgressType, RequestType, RequestType0 } from 'vscode-jsonrpc';

export type Health = 'ok' | 'warning' | 'broken';
export type Severity = 'info' | 'warning' | 'error';
export type EnvironmentKind =
    | 'venv'
    | 'virtualenv'
    | 'uv'
    | 'conda'
    | 'legacy-virtualenv'
    | 'windows-venv'
    | 'venv-shaped'
    | 'pyenv';

/** Stable finding codes (server/VenvDoctor.Core/Model/Finding.cs). */
export const FindingCodes = {
    moved: 'moved',
    copied: 'copied',
    baseMissing: 'base-missing',
    baseVersionChanged: 'base-version-changed',
    baseVersionedFolder: 'base-versioned-folder',
    inconsistent: 'inconsistent',
    configMissing: 'config-missing',
    configInvalid: 'config-invalid',
    homeMissing: 'home-missing',
    homeRelative: 'home-relative',
    editableStale: 'editable-stale',
    foreignPlatform: 'foreign-platform',
    danglingLink: 'dangling-link',
    interpreterLinkMissing: 'interpreter-link-missing',
    patchDrift: 'patch-drift',
    extensionAbiMismatch: 'extension-abi-mismatch',
    foreignBinary: 'foreign-binary',
    libraryMissing: 'library-missing',
    trackedInGit: 'tracked-in-git',
    scriptNotRelocatable: 'script-not-relocatable',
    unreadable: 'unreadable',
} as const;

/** Repair actions (server/VenvDoctor.Core/Model/Suggestion.cs). */
export const RepairActions = {
    relocate: 'relocate',
    makeIndependent: 'make-independent',
    relinkBase: 'relink-base',
    restoreInterpreterLinks: 'restore-interpreter-links',
    recreate: 'recreate',
    regenerateConfig: 'regenerate-config',
    fixHome: 'fix-home',
    reinstallEditable: 'reinstall-editable',
    repointInterpreter: 'repoint-interpreter',
    reinstallBinaries: 'reinstall-binaries',
    ignoreInGit: 'ignore-in-git',
    makeRelocatable: 'make-relocatable',
} as const;

export interface Finding {
    code: string;
    severity: Severity;
    message: string;
    data: Record<string, string>;
}

export interface Suggestion {
    action: string;
    title: string;
    data: Record<string, string>;
}

/** Every fact the files do not tell is null. */
export interface Environment {
    path: string;
    kind: EnvironmentKind | string;
    version: string | null;
    interpreter: string | null;
    home: string | null;
    prompt: string | null;
    manager: string | null;
    health: Health;
    findings: Finding[];
    suggestions: Suggestion[];
}

export interface BaseInterpreter {
    executable: string;
    version: string;
    source: string;
    prefix: string | null;
}

/** An IDE interpreter setting found in .vscode/settings.json or a *.code-workspace file. */
export interface InterpreterSetting {
    file: string;
    key: string;
    value: string;
    resolves: boolean;
    suggestion: string | null;
    /** Why the file could not be read completely (then key and value are empty and nothing in it was checked); null when read. */
    unreadable: string | null;
}

export interface SkippedPath {
    path: string;
    reason: string;
}

/** `$/progress` tokens (LSP). */
export type ProgressToken = string | number;

// ---- §2 lifecycle ----

export type TraceSetting = 'off' | 'messages' | 'verbose';

export interface WorkspaceFolder {
    uri: string;
    name: string;
}

export interface InitializationOptions {
    maxDepth: number | null;
    excludeGlobs: string[];
    extraSearchFolders: string[];
    watch: boolean;
}

export interface InitializeParams {
    processId: number;
    clientInfo: { name: string; version?: string };
    rootPath?: string | null;
    rootUri: string | null;
    workspaceFolders: WorkspaceFolder[] | null;
    capabilities: Record<string, unknown>;
    initializationOptions: InitializationOptions;
    trace?: TraceSetting;
}

/** What initialize answers; the sidecar lists the methods it serves under experimental.venvDoctor. */
export interface InitializeResult {
    capabilities: {
        workspace: { workspaceFolders: { supported: boolean; changeNotifications: boolean } };
        experimental: { venvDoctor: { protocolVersion: number; methods: string[] } };
    };
    serverInfo: { name: string; version: string };
}

export interface SetTraceParams {
    value: TraceSetting;
}

export interface DidChangeWorkspaceFoldersParams {
    event: { added: WorkspaceFolder[]; removed: WorkspaceFolder[] };
}

/** `window/logMessage`: type 1 error, 2 warning, 3 info, 4 log. */
export interface LogMessageParams {
    type: 1 | 2 | 3 | 4;
    message: string;
}

export const LifecycleMethods = {
    initialize: new RequestType<InitializeParams, InitializeResult, void>('initialize'),
    initialized: new NotificationType<Record<string, never>>('initialized'),
    shutdown: new RequestType0<null, void>('shutdown'),
    exit: new NotificationType0('exit'),
    /** Sent by vscode-jsonrpc's `connection.trace()`. */
    setTrace: new NotificationType<SetTraceParams>('$/setTrace'),
} as const;

// ---- §4 discovery ----

export type Scope = 'workspace' | 'machine';

export interface ListParams {
    scope?: Scope | null;
    roots?: string[] | null;
    maxDepth?: number | null;
    excludeGlobs?: string[] | null;
    probe?: boolean | null;
    workDoneToken?: ProgressToken | null;
    partialResultToken?: ProgressToken | null;
}

/** `venv/list`'s result and the document `venv-sidecar scan --json` prints. */
export interface ScanResult {
    environments: Environment[];
    settings: InterpreterSetting[];
    interpreters: BaseInterpreter[];
    skipped: SkippedPath[];
}

/** The `value` of a `venv/list` partial result (`$/progress` on its partialResultToken). */
export interface ListPartialResult {
    environments: Environment[];
}

export interface DiagnoseParams {
    path: string;
    probe?: boolean | null;
}

export interface InterpretersResult {
    interpreters: BaseInterpreter[];
}

/** `venv/dependents` params: the base (interpreter path, prefix or pyenv version) and the folders to search (default: the workspace's). */
export interface DependentsParams {
    python: string;
    roots?: string[] | null;
}

/** The base as `venv/dependents` resolved it; `minor` null: every Python of that prefix. */
export interface DependentsBase {
    given: string;
    prefix: string;
    realPrefix: string;
    version: string;
    minor: string | null;
}

/** `venv/dependents`'s result and the document `venv-sidecar dependents --json` prints. */
export interface DependentsResult {
    base: DependentsBase;
    environments: Environment[];
}

// ---- §6 repair ----

export interface RepairParams {
    path: string;
    action?: string | null;
    /** The base interpreter to relink to / recreate with. */
    base?: string | null;
    /** Where the environment was (relocate), or what it is a copy of (make-independent). */
    from?: string | null;
    source?: string | null;
    workspaceFolder?: string | null;
    /** The user picked this path: the sidecar then allows it outside the workspace folders. */
    userChosen?: boolean;
    workDoneToken?: ProgressToken | null;
    partialResultToken?: ProgressToken | null;
}

export interface UndoRepairParams {
    path: string;
    userChosen?: boolean;
}

export interface FileEdit {
    file: string;
    operation: string;
    description: string;
    before: string | null;
    after: string | null;
}

/** A file a repair leaves as it was, and why (docs/protocol.md §6, LeftFile). */
export interface LeftFile {
    file: string;
    reason: string;
}

export interface RepairPlan {
    path: string;
    action: string;
    title: string;
    edits: FileEdit[];
    notes: string[];
    /** Every file the repair would have changed but leaves as it was, with the reason. */
    left: LeftFile[];
}

export interface ApplyRepairResult {
    applied: boolean;
    path: string;
    action: string;
    journalId: string | null;
    editsApplied: number;
    plan: RepairPlan;
    /** Every file the repair left as it was, with the reason. */
    left: LeftFile[];
    diagnosis: Environment;
    notReinstalled: string[];
    journals: string[];
}

export interface UndoRepairResult {
    restored: boolean;
    path: string;
    action: string | null;
    journalId: string | null;
    /** Null when `path` was a settings file (its last setInterpreterSetting edit reverted). */
    diagnosis: Environment | null;
    journals: string[];
}

// ---- §6 the interpreter setting: the sidecar is its one editor and its one expander ----

export interface SetInterpreterSettingParams {
    /** A workspace root's .vscode/settings.json, or the *.code-workspace file the editor has open. */
    file: string;
    interpreter: string;
    userChosen?: boolean;
}

export interface SetInterpreterSettingResult {
    applied: boolean;
    file: string;
    /** The journal venv/undoRepair { path: file } reverts; null when nothing changed. */
    journalId: string | null;
    plan: RepairPlan;
}

export interface ExpandSettingParams {
    value: string;
    folder: string;
}

export interface ExpandSettingResult {
    value: string;
    folder: string;
    /** The absolute path the value names for the folder. */
    expanded: string;
}

export const Methods = {
    list: new RequestType<ListParams, ScanResult, void>('venv/list'),
    diagnose: new RequestType<DiagnoseParams, Environment, void>('venv/diagnose'),
    interpreters: new RequestType<Record<string, never>, InterpretersResult, void>('venv/interpreters'),
    dependents: new RequestType<DependentsParams, DependentsResult, void>('venv/dependents'),
    planRepair: new RequestType<RepairParams, RepairPlan, void>('venv/planRepair'),
    applyRepair: new RequestType<RepairParams, ApplyRepairResult, void>('venv/applyRepair'),
    undoRepair: new RequestType<UndoRepairParams, UndoRepairResult, void>('venv/undoRepair'),
    setInterpreterSetting: new RequestType<SetInterpreterSettingParams, SetInterpreterSettingResult, void>('venv/setInterpreterSetting'),
    expandSetting: new RequestType<ExpandSettingParams, ExpandSettingResult, void>('venv/expandSetting'),
} as const;

// ---- §5 watching ----

export interface EnvironmentNotification {
    environment: Environment;
}

export interface RemovedNotification {
    path: string;
}

export interface MovedNotification {
    from: string;
    to: string;
    diagnosis: Environment;
}

export interface WatchDegradedNotification {
    root: string;
    reason: string;
}

/** A degraded root is watched by events again (follows a `venv/watchDegraded` for the same root). */
export interface WatchRecoveredNotification {
    root: string;
}

/** LSP FileEvent: type 1 created, 2 changed, 3 deleted. */
export interface DidChangeWatchedFilesParams {
    changes: { uri: string; type: 1 | 2 | 3 }[];
}

/** Client → server notifications (LSP's). */
export const ClientNotifications = {
    didChangeWorkspaceFolders: new NotificationType<DidChangeWorkspaceFoldersParams>('workspace/didChangeWorkspaceFolders'),
    /** A hint for the sidecar's own watcher. */
    didChangeWatchedFiles: new NotificationType<DidChangeWatchedFilesParams>('workspace/didChangeWatchedFiles'),
} as const;

/** Server → client notifications. */
export const Notifications = {
    logMessage: new NotificationType<LogMessageParams>('window/logMessage'),
    found: new NotificationType<EnvironmentNotification>('venv/found'),
    added: new NotificationType<EnvironmentNotification>('venv/added'),
    removed: new NotificationType<RemovedNotification>('venv/removed'),
    changed: new NotificationType<EnvironmentNotification>('venv/changed'),
    moved: new NotificationType<MovedNotification>('venv/moved'),
    watchDegraded: new NotificationType<WatchDegradedNotification>('venv/watchDegraded'),
    watchRecovered: new NotificationType<WatchRecoveredNotification>('venv/watchRecovered'),
} as const;

/** LSP work-done progress values carried by `$/progress` (begin, report..., end). */
export interface WorkDoneProgressValue {
    kind: 'begin' | 'report' | 'end';
    title?: string;
    message?: string;
    percentage?: number;
    cancellable?: boolean;
}
export const workDoneProgress = new ProgressType<WorkDoneProgressValue>();
