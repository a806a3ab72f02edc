// A monorepo against the real `venv-sidecar serve`, with the settings a new user has (the manifest's defaults):
// a `.venv` seven folder levels down is found, and the status label tells the two `.venv`s apart. Skipped, with the
// reason, when no sidecar is built or no Python with venv is here.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MemoryLogger } from '../../common/logger';
import { readSettings, toInitializationOptions } from '../../common/settings';
import { environmentLabel } from '../../features/environmentLabel';
import { InitializationOptions, Methods, Notifications } from '../../sidecar/protocol';
import { SidecarSession } from '../../sidecar/sidecarSession';
import { findPython, findSidecar, missingForFlow } from './realThings';

const deep = 'services/payments/api/v2/worker/py/.venv';

describe('monorepo discovery (real venv-sidecar, default settings)', function () {
    this.timeout(120_000);
    let workspace: string;

    before(function () {
        const missing = missingForFlow(['venv/list']);
        if (missing) {
            console.log(`    (skipped: ${missing})`);
            this.skip();
        }
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-mono-'));
        for (const venv of ['services/web/.venv', deep]) {
            execFileSync(findPython()!, ['-m', 'venv', '--without-pip', path.join(workspace, venv)], { timeout: 60_000 });
        }
    });

    after(() => workspace && fs.rmSync(workspace, { recursive: true, force: true }));

    async function listWith(initializationOptions: InitializationOptions): Promise<string[]> {
        const session = new SidecarSession({
            command: () => ({ command: findSidecar()!, args: ['serve'] }),
            initializeParams: () => ({
                processId: process.pid,
                clientInfo: { name: 'integration-test' },
                rootUri: null,
                workspaceFolders: [{ uri: `file://${workspace}`, name: 'mono' }],
                capabilities: {},
                initializationOptions,
            }),
            logger: new MemoryLogger(),
            startTimeoutMs: 30_000,
        });
        try {
            session.onNotification(Notifications.found, () => undefined);
            await session.start();
            const result = await session.request(Methods.list, { scope: 'workspace' });
            return result.environments.map((e) => path.relative(workspace, e.path)).sort();
        } finally {
            await session.stop();
            session.dispose();
        }
    }

    it('finds a .venv seven levels down with the default settings, and labels both by their paths', async () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
        const properties: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;
        const defaults = Object.fromEntries(Object.entries(properties).map(([key, p]) => [key.replace(/^venvDoctor\./, ''), p.default]));
        const found = await listWith(toInitializationOptions(readSettings({ get: <T>(key: string) => defaults[key] as T })));
        assert.deepStrictEqual(found, [deep, 'services/web/.venv']);
        const folders = [{ name: 'mono', fsPath: workspace }];
        const paths = found.map((p) => path.join(workspace, p));
        assert.strictEqual(environmentLabel(path.join(workspace, deep), paths, folders), deep);
    });

    it('still honours a depth limit a user sets (the old default of 4 misses the deep one)', async () => {
        const found = await listWith({ maxDepth: 4, excludeGlobs: [], extraSearchFolders: [], watch: false });
        assert.deepStrictEqual(found, ['services/web/.venv']);
    });
});
