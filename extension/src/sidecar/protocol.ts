// The sidecar's wire contract (docs/protocol.md), in one place: every type and method name the extension sends or
// receives. When the contract changes, this file is the one edit.
import { NotificationType, ProgressType, RequestType } from 'vscode-jsonrpc';

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
} as const;

export interface Finding {
    code: string;
    severity: Severity;
    message: string;
    data?: Record<string, string>;
}

export interface Suggestion {
    action: string;
    title: string;
    data?: Record<string, string>;
}

/** Every fact but path/kind/health is optional: the sidecar says "unknown" by leaving it out. */
export interface Environment {
    path: string;
    kind: EnvironmentKind | string;
    version?: string | null;
    interpreter?: string | null;
    home?: string | null;
    prompt?: string | null;
    manager?: string | null;
    health: Health;
    findings?: Finding[];
    suggestions?: Suggestion[];
}

export interface BaseInterpreter {
    executable: string;
    version?: string | null;
    source?: string | null;
    prefix?: string | null;
}

/** An IDE interpreter setting found in .vscode/settings.json or a *.code-workspace file. */
export interface InterpreterSetting {
    file: string;
    key: string;
    value: string;
    resolves: boolean;
    suggestion?: string | null;
}

export interface SkippedPath {
    path: string;
    reason: string;
}

export interface InitializationOptions {
    maxDepth: number | null;
    excludeGlobs: string[];
    extraSearchFolders: string[];
    watch: boolean;
}

export type Scope = 'workspace' | 'machine';

export interface ListParams {
    scope: Scope;
    roots?: string[];
    maxDepth?: number | null;
    excludeGlobs?: string[];
    probe?: boolean;
}

export interface ListResult {
    environments: Environment[];
    settings?: InterpreterSetting[];
    interpreters?: BaseInterpreter[];
    skipped?: SkippedPath[];
}

export interface DiagnoseParams {
    path: string;
    probe?: boolean;
}

export interface InterpretersResult {
    interpreters: BaseInterpreter[];
}

export interface RepairParams {
    path: string;
    action?: string;
    /** The base interpreter to relink to / recreate with. */
    base?: string;
    /** Where the environment was (relocate), or what it is a copy of (make-independent). */
    from?: string;
    source?: string;
    workspaceFolder?: string;
    /** The user picked this path: the sidecar then allows it outside the workspace folders. */
    userChosen?: boolean;
}

export interface RepairEdit {
    file: string;
    operation: string;
    description: string;
    before?: string;
    after?: string;
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
    edits: RepairEdit[];
    notes?: string[];
    left?: LeftFile[];
}

export interface ApplyRepairParams extends RepairParams {
    workDoneToken?: string;
}

export interface ApplyRepairResult {
    applied: boolean;
    path: string;
    action: string;
    journalId?: string | null;
    editsApplied?: number;
    plan?: RepairPlan;
    /** Every file the repair left as it was, with the reason. */
    left?: LeftFile[];
    diagnosis?: Environment;
    notReinstalled?: string[] | null;
}

export interface UndoRepairResult {
    restored: boolean;
    path?: string;
    action?: string | null;
    journalId?: string | null;
    diagnosis?: Environment;
}

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

export const Methods = {
    list: new RequestType<ListParams & { workDoneToken?: string }, ListResult, void>('venv/list'),
    diagnose: new RequestType<DiagnoseParams, Environment, void>('venv/diagnose'),
    interpreters: new RequestType<Record<string, never>, InterpretersResult, void>('venv/interpreters'),
    planRepair: new RequestType<RepairParams, RepairPlan, void>('venv/planRepair'),
    applyRepair: new RequestType<ApplyRepairParams, ApplyRepairResult, void>('venv/applyRepair'),
    undoRepair: new RequestType<{ path: string; userChosen?: boolean }, UndoRepairResult, void>('venv/undoRepair'),
} as const;

export interface WorkspaceFolderRef {
    uri: string;
    name: string;
}

/** Client → server notifications (LSP's). */
export const ClientNotifications = {
    didChangeWorkspaceFolders: new NotificationType<{ event: { added: WorkspaceFolderRef[]; removed: WorkspaceFolderRef[] } }>(
        'workspace/didChangeWorkspaceFolders',
    ),
    /** type: 1 created, 2 changed, 3 deleted. A hint for the sidecar's own watcher. */
    didChangeWatchedFiles: new NotificationType<{ changes: { uri: string; type: 1 | 2 | 3 }[] }>('workspace/didChangeWatchedFiles'),
} as const;

export const Notifications = {
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
