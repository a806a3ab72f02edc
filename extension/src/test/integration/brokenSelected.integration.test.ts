// Opening a folder whose interpreter is already broken, hostless (see hostlessVSCode.ts), against the real sidecar
// and real venvs: the kinds the notification did not cover before (a copy, a venv moved while closed) are announced
// with the top repair first, and that button's repair leaves the environment healthy.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { activateWith } from './hostlessVSCode';
import { scratchFolderPerTest } from './scratchFolder';
import { escape, findPython, findSidecar, missingForFlow, waitUntil } from './realThings';

describe('broken selected interpreter at start-up (real sidecar, no VS Code host)', function () {
    this.timeout(90_000);
    const scratch = scratchFolderPerTest('venv-doctor-broken-');

    /** Activates on `project`, pressing `button` on the broken notification and confirming the plan; returns the log. */
    async function announceAndRepair(test: Mocha.Context, project: string, button: string): Promise<{ shown: [string, string[]][] }> {
        const missing = missingForFlow(['venv/planRepair', 'venv/applyRepair']);
        if (missing) {
            console.log(`      (skipped: ${missing})`);
            test.skip();
        }
        const shown: [string, string[]][] = [];
        const run = activateWith(scratch(), findSidecar()!, project, undefined, (message, buttons) => {
            shown.push([message, buttons]);
            return /is broken/.test(message) ? button : buttons.includes('Apply repair') ? 'Apply repair' : undefined;
        });
        await run.statusMatches(/^\$\(error\) \.venv \(/);
        await waitUntil(() => run.log.some((l) => l.startsWith('notification: Repaired `.venv`: it is now ok.')), 60_000)
            .catch(() => assert.fail(`not repaired; log:\n${run.log.join('\n')}`));
        await run.statusMatches(/^\$\(pass\) \.venv \(/);
        run.context.subscriptions.forEach((s) => s.dispose());
        return { shown };
    }

    it('a copy that runs the original: [Make independent], and the original is left alone', async function () {
        const original = path.join(scratch(), 'original', '.venv');
        execFileSync(findPython() ?? 'python3', ['-m', 'venv', '--without-pip', original], { timeout: 60_000 });
        const project = path.join(scratch(), 'project');
        fs.cpSync(original, path.join(project, '.venv'), { recursive: true, verbatimSymlinks: true });
        const originalActivate = fs.readFileSync(path.join(original, 'bin', 'activate'), 'utf8');

        const { shown } = await announceAndRepair(this, project, 'Make independent');
        const broken = shown.filter(([message]) => /is broken/.test(message));
        assert.strictEqual(broken.length, 1, JSON.stringify(shown));
        assert.deepStrictEqual(broken[0][1], ['Make independent', 'Choose another', 'Details']);
        const activate = fs.readFileSync(path.join(project, '.venv', 'bin', 'activate'), 'utf8');
        assert.match(activate, new RegExp(`^VIRTUAL_ENV=["']?${escape(path.join(project, '.venv'))}["']?$`, 'm'));
        assert.strictEqual(fs.readFileSync(path.join(original, 'bin', 'activate'), 'utf8'), originalActivate);
    });

    it('a venv moved while VS Code was closed: [Repair in place]', async function () {
        const project = path.join(scratch(), 'project');
        execFileSync(findPython() ?? 'python3', ['-m', 'venv', '--without-pip', path.join(project, 'old-env')], { timeout: 60_000 });
        fs.renameSync(path.join(project, 'old-env'), path.join(project, '.venv'));

        const { shown } = await announceAndRepair(this, project, 'Repair in place');
        const broken = shown.filter(([message]) => /is broken/.test(message));
        assert.deepStrictEqual(broken.map(([, buttons]) => buttons), [['Repair in place', 'Choose another', 'Details']]);
        assert.match(broken[0][0], /^The selected interpreter `\.venv` is broken: /);
        assert.match(fs.readFileSync(path.join(project, '.venv', 'bin', 'activate'), 'utf8'), new RegExp(`^VIRTUAL_ENV=["']?${escape(path.join(project, '.venv'))}["']?$`, 'm'));
    });
});
