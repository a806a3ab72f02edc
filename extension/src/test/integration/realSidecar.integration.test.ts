// The session against the real `venv-sidecar serve` (C#), when one is built: $VENV_SIDECAR, else the dev build
// output next to this extension. Skipped, with the reason, when there is none.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { waitForEvent } from '../../common/emitter';
import { MemoryLogger } from '../../common/logger';
import { Methods, Notifications } from '../../sidecar/protocol';
import { RestartPolicy } from '../../sidecar/restartPolicy';
import { SessionState, SidecarSession } from '../../sidecar/sidecarSession';
import { findSidecar } from './realThings';

describe('SidecarSession (real venv-sidecar)', function () {
    this.timeout(60_000);
    const sidecar = findSidecar();
    let session: SidecarSession | undefined;
    let logger: MemoryLogger;
    let workspace: string;

    before(function () {
        if (!sidecar) {
            console.log('    (skipped: no venv-sidecar built; `npm run build:server` or VENV_SIDECAR=... runs these)');
            this.skip();
        }
    });

    beforeEach(() => {
        logger = new MemoryLogger();
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-real-'));
        session = new SidecarSession({
            command: () => ({ command: sidecar!, args: ['serve'] }),
            initializeParams: () => ({
                processId: process.pid,
                clientInfo: { name: 'integration-test' },
                rootUri: null,
                workspaceFolders: [{ uri: `file://${workspace}`, name: 'ws' }],
                capabilities: { window: { workDoneProgress: true } },
                initializationOptions: { maxDepth: 3, excludeGlobs: [], extraSearchFolders: [], watch: false },
            }),
            logger,
            restartPolicy: new RestartPolicy({ maxRestarts: 1, windowMs: 60_000, baseDelayMs: 50, maxDelayMs: 50 }),
            startTimeoutMs: 30_000,
        });
    });

    afterEach(async () => {
        await session?.stop();
        session?.dispose();
        fs.rmSync(workspace, { recursive: true, force: true });
    });

    it('initializes, answers venv/list, and stops politely', async () => {
        const s = session!;
        s.onNotification(Notifications.found, () => undefined);
        await s.start();
        assert.strictEqual(s.state, SessionState.Running);
        const result = await s.request(Methods.list, { scope: 'workspace' });
        assert.ok(Array.isArray(result.environments), JSON.stringify(result));
        await s.stop();
        assert.strictEqual(s.state, SessionState.NotStarted);
        assert.ok(!logger.lines.some((l) => l.includes('killing')), logger.lines.join('\n'));
    });

    it('restarts it after it is killed, and says so', async () => {
        const s = session!;
        const problems: string[] = [];
        s.onDidReportProblem((p) => problems.push(p.message));
        await s.start();
        const restarted = waitForEvent(s.onDidStart, () => true, 30_000);
        const pid = Number(/pid (\d+)/.exec(logger.lines.find((l) => l.includes('Sidecar running (pid')) ?? '')?.[1]);
        process.kill(pid, 'SIGKILL');
        await restarted;
        assert.strictEqual(s.state, SessionState.Running);
        assert.match(problems[0], /stopped unexpectedly \(signal SIGKILL\)\. Restarting it in 0\.05 s \(attempt 1 of 1\)/);
    });
});
