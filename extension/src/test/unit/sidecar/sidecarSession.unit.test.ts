// The session against a real child process (src/test/fakes/fakeSidecar.ts) speaking JSON-RPC over stdio.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource, RequestType, ResponseError } from 'vscode-jsonrpc';
import { waitForEvent } from '../../../common/emitter';
import { MemoryLogger } from '../../../common/logger';
import { ClientNotifications, Methods, Notifications } from '../../../sidecar/protocol';
import { RestartPolicy } from '../../../sidecar/restartPolicy';
import {
    SessionOptions,
    SessionProblem,
    SessionState,
    SidecarSession,
    SidecarTimeoutError,
    SidecarUnavailableError,
} from '../../../sidecar/sidecarSession';

const fakeSidecar = path.join(__dirname, '..', '..', 'fakes', 'fakeSidecar.js');
const WAIT_MS = 10_000;

describe('SidecarSession (fake sidecar process)', () => {
    let session: SidecarSession | undefined;
    let logger: MemoryLogger;
    let tempDir: string;
    let spawned: number;

    beforeEach(() => {
        logger = new MemoryLogger();
        tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-session-'));
        spawned = 0;
    });

    afterEach(async () => {
        await session?.stop();
        session?.dispose();
        session = undefined;
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    function create(fakeArgs: string[], overrides: Partial<SessionOptions> = {}): SidecarSession {
        session = new SidecarSession({
            command: () => {
                spawned++;
                return { command: process.execPath, args: [fakeSidecar, ...fakeArgs] };
            },
            initializeParams: () => ({
                processId: process.pid,
                clientInfo: { name: 'unit-test' },
                rootUri: null,
                workspaceFolders: [{ uri: 'file:///work/proj', name: 'proj' }],
                capabilities: {},
                initializationOptions: { maxDepth: 3, excludeGlobs: ['**/node_modules'], extraSearchFolders: [], watch: false },
            }),
            logger,
            restartPolicy: new RestartPolicy({ maxRestarts: 2, windowMs: 60_000, baseDelayMs: 20, maxDelayMs: 40 }),
            startTimeoutMs: 5_000,
            stopTimeoutMs: 1_000,
            ...overrides,
        });
        return session;
    }

    it('starts once when start() is called twice, and sends initialize with the options', async () => {
        const s = create([]);
        const states: SessionState[] = [];
        s.onDidChangeState((c) => states.push(c.state));
        await Promise.all([s.start(), s.start()]);
        assert.strictEqual(s.state, SessionState.Running);
        assert.strictEqual(spawned, 1);
        assert.deepStrictEqual(states, [SessionState.Starting, SessionState.Running]);
        const result = (await s.request(Methods.list, { scope: 'workspace' })) as unknown as {
            initializeParams: { initializationOptions: { maxDepth: number } };
        };
        assert.strictEqual(result.initializeParams.initializationOptions.maxDepth, 3);
    });

    it("knows the methods the sidecar lists in initialize, and sends notifications to it", async () => {
        const s = create([]);
        assert.strictEqual(s.serves('venv/list'), false, 'nothing is known before initialize');
        await s.start();
        assert.strictEqual(s.serves('venv/list'), true);
        assert.strictEqual(s.serves('workspace/didChangeWorkspaceFolders'), true);
        assert.strictEqual(s.serves('venv/undoRepair'), false);
        const event = { added: [{ uri: 'file:///work/lib', name: 'lib' }], removed: [] };
        s.notify(ClientNotifications.didChangeWorkspaceFolders, { event });
        const received = await s.request(new RequestType<object, { method: string; params: unknown }[], void>('fake/received'), {});
        assert.deepStrictEqual(received, [{ method: 'workspace/didChangeWorkspaceFolders', params: { event } }]);
        assert.ok(logger.lines.includes('[info] fake-sidecar 0 serves venv/list, venv/diagnose, workspace/didChangeWorkspaceFolders'));
    });

    it('delivers streamed notifications before the request completes, and logs stderr and logMessage', async () => {
        const s = create([]);
        const found: string[] = [];
        s.onNotification(Notifications.found, (p) => found.push(p.environment.path));
        const result = await s.request(Methods.list, { scope: 'workspace' });
        assert.deepStrictEqual(found, ['/work/proj/.venv']);
        assert.strictEqual(result.environments[0].version, '3.12.1');
        await waitUntil(() => logger.lines.some((l) => l.includes('run 1 initialized')));
        assert.ok(logger.lines.some((l) => l === '[sidecar] fake sidecar: run 1 started'));
    });

    it('restarts after a crash with a message saying what happened, and keeps its notification handlers', async () => {
        const s = create(['--crash-first', '1', '--state-file', path.join(tempDir, 'runs')]);
        const problems: SessionProblem[] = [];
        s.onDidReportProblem((p) => problems.push(p));
        const found: string[] = [];
        s.onNotification(Notifications.found, (p) => found.push(p.environment.path));
        const restarted = waitForEvent(s.onDidStart, () => true, WAIT_MS).then(() =>
            waitForEvent(s.onDidStart, () => true, WAIT_MS),
        );
        await s.start();
        await restarted;
        assert.strictEqual(s.state, SessionState.Running);
        assert.strictEqual(spawned, 2);
        assert.deepStrictEqual(problems, [
            {
                message:
                    'The Venv Doctor sidecar stopped unexpectedly (exit code 3). Restarting it in 0.02 s (attempt 1 of 2).',
                final: false,
            },
        ]);
        await s.request(Methods.list, { scope: 'workspace' });
        assert.deepStrictEqual(found, ['/work/proj/.venv']);
    });

    it('gives up after the restart budget, explains why, and fails requests at once', async () => {
        const s = create(['--die-at-start']);
        const problems: SessionProblem[] = [];
        s.onDidReportProblem((p) => problems.push(p));
        await assert.rejects(s.start(), SidecarUnavailableError);
        assert.strictEqual(s.state, SessionState.Failed);
        assert.strictEqual(spawned, 3, 'first start + 2 restarts');
        assert.deepStrictEqual(problems.map((p) => p.final), [false, false, true]);
        assert.match(problems[2].message, /stopped unexpectedly 3 times in 1 minutes \(last: exit code 2\) and will not be restarted/);
        await assert.rejects(s.request(Methods.list, { scope: 'workspace' }), /will not be restarted/);
        assert.strictEqual(spawned, 3, 'a request does not restart a failed sidecar');
    });

    it('restart() after a failure starts with a fresh budget', async () => {
        const s = create(['--crash-first', '3', '--state-file', path.join(tempDir, 'runs')]);
        const failed = waitForEvent(s.onDidChangeState, (c) => c.state === SessionState.Failed, WAIT_MS);
        await s.start(); // the first run initializes, then crashes: three runs in all
        await failed;
        assert.strictEqual(spawned, 3);
        await s.restart();
        assert.strictEqual(s.state, SessionState.Running);
        assert.strictEqual(spawned, 4);
    });

    it('fails when the binary is missing, without retrying', async () => {
        session = new SidecarSession({
            command: () => {
                spawned++;
                return new Error('The Venv Doctor sidecar was not found. Looked in: /nowhere');
            },
            initializeParams: () => { throw new Error('not reached'); },
            logger,
        });
        await assert.rejects(session.start(), /was not found\. Looked in: \/nowhere/);
        assert.strictEqual(session.state, SessionState.Failed);
        assert.strictEqual(spawned, 1);
    });

    it('kills a sidecar that never answers initialize, counting it as a crash', async () => {
        const s = create(['--hang-initialize'], {
            startTimeoutMs: 200,
            restartPolicy: new RestartPolicy({ maxRestarts: 0, windowMs: 60_000, baseDelayMs: 1, maxDelayMs: 1 }),
        });
        await assert.rejects(s.start(), /will not be restarted/);
        assert.ok(logger.lines.some((l) => l.includes('did not answer initialize within 0.2 s')));
    });

    it('times out a request that gets no answer and stays usable', async () => {
        const s = create([]);
        await assert.rejects(s.request(Methods.diagnose, { path: '/hang' }, undefined, 200), (error: unknown) => {
            assert.ok(error instanceof SidecarTimeoutError);
            assert.strictEqual(error.method, 'venv/diagnose');
            return true;
        });
        const env = await s.request(Methods.diagnose, { path: '/work/proj/.venv' });
        assert.strictEqual(env.health, 'ok');
        assert.strictEqual(s.state, SessionState.Running);
    });

    it('sends $/cancelRequest when the caller cancels', async () => {
        const s = create([]);
        await s.start();
        const source = new CancellationTokenSource();
        const pending = s.request(Methods.diagnose, { path: '/hang' }, source.token);
        source.cancel();
        await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === -32800);
    });

    it('stops politely with shutdown and exit', async () => {
        const s = create([]);
        await s.start();
        await s.stop();
        assert.strictEqual(s.state, SessionState.NotStarted);
        assert.ok(!logger.lines.some((l) => l.includes('killing')));
        assert.ok(!logger.lines.some((l) => l.includes('unexpectedly')), 'a requested stop is not a crash');
    });

    it('kills a sidecar that ignores shutdown', async () => {
        const s = create(['--ignore-shutdown'], { stopTimeoutMs: 200 });
        await s.start();
        await s.stop();
        assert.strictEqual(s.state, SessionState.NotStarted);
        assert.ok(logger.lines.some((l) => l.includes('did not exit in time; killing it')));
    });
});

async function waitUntil(condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error('condition not met in time');
        }
        await new Promise((resolve) => setImmediate(resolve));
    }
}
