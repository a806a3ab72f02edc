// The sidecar process and its JSON-RPC connection, as an explicit state machine:
//
//   NotStarted ──start()──▶ Starting ──initialize answered──▶ Running ──stop()──▶ Stopping ──▶ NotStarted
//                              │  ▲                               │
//              spawn failed,   │  └── crash, budget left ◀────────┘ (process exited on its own)
//              no binary, or   ▼
//              budget spent  Failed ──restart() (user)──▶ Starting
//
// start() is safe to call twice (a second call waits on the first). A crash restarts the process after a growing
// delay, at most RestartPolicy.maxRestarts times in its window; then the session stays Failed and says why, rather
// than restarting forever. Every request has a timeout.
import { CancellationToken, CancellationTokenSource, NotificationType, RequestType } from 'vscode-jsonrpc';
import { Disposable, Emitter, Event } from '../common/emitter';
import { Logger } from '../common/logger';
import { Strings } from '../common/strings';
import { InitializeParams, WorkDoneProgressValue, workDoneProgress } from './protocol';
import { RestartPolicy } from './restartPolicy';
import { SidecarUnavailableError, errorText, withTimeout } from './sidecarErrors';
import { NotificationRegistration, SidecarCommand, SidecarProcess, SpawnFunction, TraceSetting } from './sidecarProcess';

export { SidecarTimeoutError, SidecarUnavailableError, errorText } from './sidecarErrors';
export type { SidecarCommand, TraceSetting } from './sidecarProcess';
export type { InitializeParams } from './protocol';

export enum SessionState {
    NotStarted = 'NotStarted',
    Starting = 'Starting',
    Running = 'Running',
    Stopping = 'Stopping',
    Failed = 'Failed',
}

export interface SessionOptions {
    /** Resolves the command each time the process starts (the path setting may have changed). */
    command: () => SidecarCommand | Error;
    initializeParams: () => InitializeParams;
    logger: Logger;
    restartPolicy?: RestartPolicy;
    spawn?: SpawnFunction;
    /** Default timeout of request(); a function is read at each request (the setting may change). */
    requestTimeoutMs?: number | (() => number);
    startTimeoutMs?: number;
    stopTimeoutMs?: number;
    trace?: TraceSetting;
}

export interface StateChange {
    state: SessionState;
    /** Why, when the change was not asked for (a crash, a missing binary). */
    reason?: string;
}

/** Something the user should hear about: a crash and the restart, or the final failure. */
export interface SessionProblem {
    message: string;
    final: boolean;
}

interface Running {
    process: SidecarProcess;
    generation: number;
}

export class SidecarSession implements Disposable {
    private stateValue = SessionState.NotStarted;
    private failureReason: string | undefined;
    private current: Running | undefined;
    private generation = 0;
    private restartTimer: NodeJS.Timeout | undefined;
    private stopping: Promise<void> | undefined;
    private traceSetting: TraceSetting;
    private readonly notifications: NotificationRegistration[] = [];
    private methods = new Set<string>();
    private readonly policy: RestartPolicy;
    private readonly stateEmitter = new Emitter<StateChange>();
    private readonly problemEmitter = new Emitter<SessionProblem>();
    private readonly startedEmitter = new Emitter<void>();

    /** Every state change. */
    readonly onDidChangeState: Event<StateChange> = this.stateEmitter.event;
    /** A crash (with the restart it leads to) or a final failure, worded for the user. */
    readonly onDidReportProblem: Event<SessionProblem> = this.problemEmitter.event;
    /** The sidecar is (again) Running: state learnt from an earlier process is gone, so rescan. */
    readonly onDidStart: Event<void> = this.startedEmitter.event;

    constructor(private readonly options: SessionOptions) {
        this.policy = options.restartPolicy ?? new RestartPolicy();
        this.traceSetting = options.trace ?? 'off';
    }

    get state(): SessionState {
        return this.stateValue;
    }

    /** Why the session is Failed, if it is. */
    get lastFailure(): string | undefined {
        return this.failureReason;
    }

    /** Starts the sidecar, or waits for the start under way. Rejects if the session ends up Failed. */
    start(): Promise<void> {
        switch (this.stateValue) {
            case SessionState.Running:
                return Promise.resolve();
            case SessionState.Stopping:
                return (this.stopping ?? Promise.resolve()).then(() => this.start());
            case SessionState.NotStarted:
            case SessionState.Failed:
                this.launch();
                break;
            case SessionState.Starting:
                break;
        }
        return this.whenSettled();
    }

    /** Stops the sidecar politely (shutdown, exit), killing it if it does not leave in time. */
    stop(): Promise<void> {
        if (this.restartTimer) {
            clearTimeout(this.restartTimer);
            this.restartTimer = undefined;
        }
        if (this.stateValue === SessionState.Stopping && this.stopping) {
            return this.stopping;
        }
        const current = this.current;
        if (!current) {
            if (this.stateValue !== SessionState.NotStarted) {
                this.setState(SessionState.NotStarted);
            }
            return Promise.resolve();
        }
        this.setState(SessionState.Stopping);
        this.stopping = current.process.shutDown(this.options.stopTimeoutMs ?? 2_000).finally(() => {
            this.current = undefined;
            this.stopping = undefined;
            this.setState(SessionState.NotStarted);
        });
        return this.stopping;
    }

    /** The user asked for a fresh start: a new restart budget, then stop and start. */
    async restart(): Promise<void> {
        this.policy.reset();
        await this.stop();
        await this.start();
    }

    /** Sends a request, starting the sidecar if needed. Rejects after `timeoutMs` (and cancels it on the wire). */
    async request<P, R>(
        type: RequestType<P, R, void>,
        params: P,
        token?: CancellationToken,
        timeoutMs: number = this.defaultTimeoutMs(),
    ): Promise<R> {
        if (this.stateValue === SessionState.Failed) {
            throw new SidecarUnavailableError(this.failureReason ?? Strings.sidecarNotRunning);
        }
        if (this.stateValue === SessionState.Stopping) {
            throw new SidecarUnavailableError(Strings.sidecarNotRunning);
        }
        await this.start();
        const connection = this.current?.process.connection;
        if (!connection) {
            throw new SidecarUnavailableError(Strings.sidecarNotRunning);
        }
        const source = new CancellationTokenSource();
        const wireToken = source.token; // created now, so cancel() flips this token rather than swapping in a constant
        const cancel = (): void => {
            if (!wireToken.isCancellationRequested) {
                source.cancel();
            }
        };
        const link = token?.onCancellationRequested(cancel);
        if (token?.isCancellationRequested) {
            cancel();
        }
        try {
            return await withTimeout(connection.sendRequest(type, params, wireToken), type.method, timeoutMs, cancel);
        } finally {
            link?.dispose();
            source.dispose();
        }
    }

    private defaultTimeoutMs(): number {
        const configured = this.options.requestTimeoutMs;
        return (typeof configured === 'function' ? configured() : configured) ?? 30_000;
    }

    /** Whether the running sidecar said (in initialize) that it serves `method`. */
    serves(method: string): boolean {
        return this.methods.has(method);
    }

    /** Sends a notification if the sidecar is running (notifications to a stopped sidecar have no one to reach). */
    notify<P>(type: NotificationType<P>, params: P): void {
        const connection = this.stateValue === SessionState.Running ? this.current?.process.connection : undefined;
        void connection?.sendNotification(type, params).catch((error) => this.options.logger.warn(`${type.method}: ${errorText(error)}`));
    }

    /** Registers a handler for a server notification; it survives restarts. */
    onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): Disposable {
        const registration = { type, handler } as NotificationRegistration;
        this.notifications.push(registration);
        const live = this.current?.process.connection.onNotification(type, handler);
        return {
            dispose: () => {
                const index = this.notifications.indexOf(registration);
                if (index >= 0) {
                    this.notifications.splice(index, 1);
                }
                live?.dispose();
            },
        };
    }

    /** Listens to `$/progress` for one work-done token on the current connection. */
    onProgress(token: string, handler: (value: WorkDoneProgressValue) => void): Disposable {
        const connection = this.current?.process.connection;
        return connection ? connection.onProgress(workDoneProgress, token, handler) : { dispose: () => undefined };
    }

    setTrace(value: TraceSetting): void {
        this.traceSetting = value;
        if (this.current) {
            void this.current.process.setTrace(value, this.stateValue === SessionState.Running);
        }
    }

    dispose(): void {
        void this.stop();
        this.stateEmitter.dispose();
        this.problemEmitter.dispose();
        this.startedEmitter.dispose();
    }

    private whenSettled(): Promise<void> {
        return new Promise<void>((resolve, reject) => {
            const check = (): boolean => {
                switch (this.stateValue) {
                    case SessionState.Running:
                        resolve();
                        return true;
                    case SessionState.Failed:
                        reject(new SidecarUnavailableError(this.failureReason ?? Strings.sidecarNotRunning));
                        return true;
                    case SessionState.NotStarted:
                        reject(new SidecarUnavailableError(Strings.sidecarNotRunning));
                        return true;
                    default:
                        return false;
                }
            };
            if (check()) {
                return;
            }
            const subscription = this.stateEmitter.event(() => {
                if (check()) {
                    subscription.dispose();
                }
            });
        });
    }

    private setState(state: SessionState, reason?: string): void {
        if (state === SessionState.Failed) {
            this.failureReason = reason;
        } else if (state === SessionState.Running) {
            this.failureReason = undefined;
        }
        this.stateValue = state;
        this.stateEmitter.fire({ state, reason });
    }

    private fail(reason: string): void {
        this.options.logger.error(reason);
        this.setState(SessionState.Failed, reason);
        this.problemEmitter.fire({ message: reason, final: true });
    }

    /** Spawns the process and initializes it. Never throws: failures go through fail() or the crash path. */
    private launch(): void {
        this.restartTimer = undefined;
        this.setState(SessionState.Starting);
        const command = this.options.command();
        if (command instanceof Error) {
            // Restarting cannot help a missing binary.
            this.fail(command.message);
            return;
        }
        const generation = ++this.generation;
        let started: SidecarProcess;
        try {
            started = new SidecarProcess(command, this.options.spawn, this.options.logger, this.notifications, (description) =>
                this.onProcessGone(generation, description),
            );
        } catch (error) {
            this.fail(Strings.sidecarSpawnFailed(command.command, errorText(error)));
            return;
        }
        this.current = { process: started, generation };
        void this.initialize(this.current);
    }

    private async initialize(running: Running): Promise<void> {
        try {
            // The level travels in initialize's `trace`; $/setTrace is only for later changes.
            await running.process.setTrace(this.traceSetting, false);
            const result = await running.process.initialize(this.options.initializeParams(), this.options.startTimeoutMs ?? 20_000);
            this.methods = new Set(result.capabilities?.experimental?.venvDoctor?.methods ?? []);
            const info = result.serverInfo;
            if (info?.name) {
                this.options.logger.info(`${info.name} ${info.version ?? ''} serves ${[...this.methods].join(', ') || 'no listed methods'}`);
            }
        } catch (error) {
            if (this.isCurrentStart(running)) {
                // A hung or refusing sidecar: kill it; its exit takes the crash path (and counts against the budget).
                this.options.logger.error(`initialize failed: ${errorText(error)}`);
                running.process.kill();
            }
            return;
        }
        if (this.isCurrentStart(running)) {
            this.options.logger.info(`Sidecar running (pid ${running.process.pid})`);
            this.setState(SessionState.Running);
            this.startedEmitter.fire();
        }
    }

    private isCurrentStart(running: Running): boolean {
        return this.current?.generation === running.generation && this.stateValue === SessionState.Starting;
    }

    /** The process ended. Expected while Stopping; otherwise a crash: restart within budget, or fail. */
    private onProcessGone(generation: number, description: string): void {
        if (this.current?.generation !== generation) {
            return;
        }
        if (this.stateValue === SessionState.Stopping) {
            return;
        }
        this.current.process.dispose();
        this.current = undefined;
        this.options.logger.error(`The sidecar stopped unexpectedly (${description}).`);
        const decision = this.policy.onCrash();
        if (!decision) {
            this.fail(Strings.sidecarGaveUp(this.policy.crashCount, this.policy.windowMs, description));
            return;
        }
        this.problemEmitter.fire({ message: Strings.sidecarRestarting(description, decision), final: false });
        this.setState(SessionState.Starting, description);
        this.restartTimer = setTimeout(() => this.launch(), decision.delayMs);
    }
}
