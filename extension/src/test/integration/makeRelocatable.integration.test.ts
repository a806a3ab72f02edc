// make-relocatable from the extension, hostless (see hostlessVSCode.ts), against the real sidecar and a real venv:
// skipped, with the reason, when no sidecar is built or no Python is here.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandIds } from '../../features/commands';
import { activateWith, restoreVSCode } from './hostlessVSCode';
import { findPython, findSidecar, missingForFlow } from './realThings';

describe('make-relocatable with the real sidecar (no VS Code host)', function () {
    this.timeout(90_000);
    let tempDir: string;

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-relocatable-')));
    });

    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    it('the palette command makes a healthy venv relocatable: moved afterwards, its console script still runs', async function () {
        const missing = missingForFlow(['venv/list', 'venv/planRepair', 'venv/applyRepair']);
        if (missing) {
            console.log(`      (skipped: ${missing})`);
            this.skip();
        }
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(project);
        const venv = path.join(project, '.venv');
        execFileSync(findPython()!, ['-m', 'venv', '--without-pip', venv], { timeout: 60_000 });
        const tool = path.join(venv, 'bin', 'tool');
        fs.writeFileSync(tool, `#!${venv}/bin/python\nimport sys\nprint(sys.prefix)\n`, { mode: 0o755 });
        const run = activateWith(tempDir, findSidecar()!, project, undefined, (_message, buttons) => (buttons.includes('Apply repair') ? 'Apply repair' : undefined));
        await run.statusMatches(/^\$\(pass\) \.venv \(/);

        assert.strictEqual(await run.commands.get(CommandIds.makeRelocatable)!(venv), 'applied', run.log.join('\n'));
        assert.match(fs.readFileSync(path.join(venv, 'pyvenv.cfg'), 'utf8'), /^relocatable = true$/m);
        assert.ok(run.log.some((l) => l.startsWith('notification: Repaired `.venv`: it is now ok.')), run.log.join('\n'));

        const moved = path.join(tempDir, 'elsewhere it\'s', 'env');
        fs.mkdirSync(path.dirname(moved));
        fs.renameSync(venv, moved);
        const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
        delete env.VIRTUAL_ENV;
        delete env.PYTHONHOME;
        assert.strictEqual(execFileSync(path.join(moved, 'bin', 'tool'), { env, timeout: 30_000 }).toString().trim(), moved);
        run.context.subscriptions.forEach((s) => s.dispose());
    });
});
