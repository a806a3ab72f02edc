// One run of the sidecar: the child process, its stdio JSON-RPC connection (LSP framing, vscode-jsonrpc), its log
// lines, and the LSP lifecycle calls (initialize/initialized, shutdown/exit). Knows nothing of restarts: it reports
// its end once through `onGone` and SidecarSession decides what happens next.
import { ChildProcess, spawn as nodeSpawn } from 'child_process';
import * as readline from 'readline';
import { MessageConnection, NotificationType, Trace, TraceFormat } from 'vscode-jsonrpc';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { Logger } from '../common/logger';
import { Strings } from '../common/strings';
import { InitializeParams, InitializeResult, LifecycleMethods, Notifications, TraceSetting } from './protocol';
import { settlesWithin, withTimeout } from './sidecarErrors';

export type { InitializeResult, TraceSetting } from './protocol';

export interface SidecarCommand {
    command: string;
    args: string[];
}

export type SpawnFunction = (command: SidecarCommand) => ChildProcess;

export type NotificationRegistration = { type: NotificationType<unknown>; handler: (params: unknown) => void };

export class SidecarProcess {
    readonly connection: MessageConnection;
    /** Settles once, when the process has exited or failed to start. */
    readonly exited: Promise<void>;
    private readonly child: ChildProcess;

    /** Spawns the process; throws if spawning itself throws. `onGone` gets how it ended, once. */
    constructor(
        command: SidecarCommand,
        spawn: SpawnFunction | undefined,
        private readonly logger: Logger,
        notifications: readonly NotificationRegistration[],
        onGone: (description: string) => void,
    ) {
        this.child = (spawn ?? defaultSpawn)(command);
        const child = this.child;
        logger.info(`Starting ${command.command} ${command.args.join(' ')}`);
        this.exited = new Promise<void>((resolve) => {
            let done = false;
            const gone = (description: string): void => {
                if (!done) {
                    done = true;
                    resolve();
                    onGone(description);
                }
            };
            child.on('exit', (code, signal) => gone(code !== null ? `exit code ${code}` : `signal ${signal}`));
            child.on('error', (error) => gone(Strings.sidecarSpawnFailed(command.command, error.message)));
        });
        child.stdin?.on('error', (error) => logger.warn(`sidecar stdin: ${error.message}`));
        if (child.stderr) {
            readline.createInterface({ input: child.stderr }).on('line', (line) => logger.sidecar(line));
        }
        this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        for (const registration of notifications) {
            this.connection.onNotification(registration.type, registration.handler);
        }
        this.connection.onNotification(Notifications.logMessage, (params) => logger.sidecar(params.message));
        // The sidecar may ask before reporting progress (LSP); any token is fine with us.
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onError(([error]) => logger.warn(`sidecar connection: ${error.message}`));
        this.connection.listen();
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    /** initialize, then initialized. Rejects with SidecarTimeoutError when the answer does not come in time. */
    async initialize(params: InitializeParams, timeoutMs: number): Promise<Partial<InitializeResult>> {
        const result = await withTimeout(this.connection.sendRequest(LifecycleMethods.initialize, params), 'initialize', timeoutMs);
        await this.connection.sendNotification(LifecycleMethods.initialized, {});
        return result ?? {};
    }

    /** shutdown, then exit; kills the process if either is not honoured within `timeoutMs`. */
    async shutDown(timeoutMs: number): Promise<void> {
        if (await settlesWithin(this.connection.sendRequest(LifecycleMethods.shutdown), timeoutMs)) {
            await this.connection.sendNotification(LifecycleMethods.exit).catch(() => undefined);
        }
        if (!(await settlesWithin(this.exited, timeoutMs))) {
            this.logger.warn('The sidecar did not exit in time; killing it.');
            this.kill();
            await settlesWithin(this.exited, timeoutMs);
        }
        this.connection.dispose();
    }

    kill(): void {
        this.child.kill('SIGKILL');
    }

    /** Traces the JSON-RPC traffic into the log; `notifyServer` also sends $/setTrace (only after initialize). */
    async setTrace(value: TraceSetting, notifyServer: boolean): Promise<void> {
        const tracer = { log: (message: string, data?: string) => this.logger.sidecar(data ? `${message}\n${data}` : message) };
        await this.connection.trace(Trace.fromString(value), tracer, { sendNotification: notifyServer, traceFormat: TraceFormat.Text });
    }

    dispose(): void {
        this.connection.dispose();
    }
}

function defaultSpawn(command: SidecarCommand): ChildProcess {
    return nodeSpawn(command.command, command.args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
}
