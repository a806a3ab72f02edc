// What command handlers and controllers need, passed in rather than imported, so each handler is an exported
// function a unit test can call with fakes.
import type * as vscode from 'vscode';
import type { RequestType } from 'vscode-jsonrpc';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { Disposable } from '../common/emitter';
import type { Logger } from '../common/logger';
import type { InterpreterChoice } from '../interpreters/interpreterChoice';
import type { WorkDoneProgressValue } from '../sidecar/protocol';
import type { ActiveInterpreter } from './activeInterpreter';
import type { EnvironmentStore } from './environmentStore';

/** The part of SidecarSession handlers use. */
export interface SidecarRequester {
    request<P, R>(type: RequestType<P, R, void>, params: P, token?: CancellationToken, timeoutMs?: number): Promise<R>;
    onProgress(token: string, handler: (value: WorkDoneProgressValue) => void): Disposable;
}

/** workspaceState's shape (vscode.Memento). */
export interface StateStore {
    get<T>(key: string, defaultValue: T): T;
    update(key: string, value: unknown): Thenable<void>;
}

export interface Services {
    sidecar: SidecarRequester;
    store: EnvironmentStore;
    logger: Logger;
    workspaceState: StateStore;
    /** Reads and changes each folder's interpreter, through whichever backend owns the choice. */
    interpreters: Pick<InterpreterChoice, 'kind' | 'chosen' | 'select'>;
    /** The folder of the active editor, else the first workspace folder. */
    activeFolder(): vscode.WorkspaceFolder | undefined;
    /** The interpreter the active folder uses, as the status bar last showed it. */
    activeInterpreter(): ActiveInterpreter;
    /** Redraws the status bar now (after a re-point, so the choice shows at once). */
    refreshStatus(): void;
    notificationsEnabled(): boolean;
    /** Folder levels a workspace scan walks: the footprint's (features/footprint.ts); null: any depth. */
    scanDepth(): number | null;
}
