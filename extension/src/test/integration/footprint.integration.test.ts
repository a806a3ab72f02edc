// activate() for real (hostless, fake sidecar): what starts depends on what the workspace holds (README "What starts
// when"). A folder with nothing Python-related stays dormant — no sidecar process, no status item — until a command
// is run; a folder with a project file one level down starts the full footprint at once.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandIds } from '../../features/commands';
import { Activated, activateWith, restoreVSCode } from './hostlessVSCode';

const fakeSidecar = path.join(__dirname, '..', 'fakes', 'fakeSidecar.js');

describe('footprint at activation (fake sidecar, no VS Code host)', function () {
    this.timeout(60_000);
    let tempDir: string;
    let workspace: string;
    let wrapper: string;

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-footprint-')));
        workspace = path.join(tempDir, 'workspace');
        fs.mkdirSync(path.join(workspace, 'web', 'src'), { recursive: true });
        fs.writeFileSync(path.join(workspace, 'package.json'), '{}\n');
        wrapper = path.join(tempDir, 'venv-sidecar');
        fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${fakeSidecar}" "$@"\n`, { mode: 0o755 });
    });

    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    const logged = async (run: Activated, pattern: RegExp): Promise<string> => {
        const deadline = Date.now() + 30_000;
        for (;;) {
            const line = run.log.find((l) => pattern.test(l));
            if (line) {
                return line;
            }
            if (Date.now() > deadline) {
                throw new Error(`no log line ${pattern}:\n${run.log.join('\n')}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    };

    it('stays dormant where nothing is Python-related, and a command grows it to light', async () => {
        const run = activateWith(tempDir, wrapper, workspace);
        assert.match(await logged(run, /^Footprint: dormant/), /nothing Python-related was found.*no sidecar, no walk, no watch/);
        assert.ok(!run.log.some((l) => /Starting .* serve/.test(l)), run.log.join('\n'));
        assert.strictEqual(run.item.visible, false, 'no status item in a workspace without Python');

        await run.commands.get(CommandIds.showReport)!();
        assert.match(await logged(run, /^Footprint: light/), /a Venv Doctor command was run.*2 level\(s\) deep and watched live/);
        await logged(run, new RegExp(`Starting ${wrapper} serve`));
        await logged(run, /fake sidecar: run 1 started/);
        assert.strictEqual(run.item.visible, true);
    });

    it('Scan Workspace asks for the whole tree: full, from dormant', async () => {
        const run = activateWith(tempDir, wrapper, workspace);
        await logged(run, /^Footprint: dormant/);
        const scanned = (await run.commands.get(CommandIds.scanWorkspace)!()) as { environments: unknown[] };
        assert.match(await logged(run, /^Footprint: full/), /Scan Workspace was run\): workspace walked any depth and watched live/);
        assert.strictEqual(scanned.environments.length, 1, 'the fake sidecar reports one environment');
    });

    it('starts the full footprint at once for a project file one level down', async () => {
        fs.writeFileSync(path.join(workspace, 'web', 'requirements-dev.txt'), 'pytest\n');
        const run = activateWith(tempDir, wrapper, workspace);
        assert.match(await logged(run, /^Footprint: /), /^Footprint: full \(Python project files are in the workspace\): workspace walked any depth and watched live/);
        await logged(run, new RegExp(`Starting ${wrapper} serve`));
    });

    it('starts the full footprint for a pyvenv.cfg deep in the tree (the one deep look)', async () => {
        const deep = path.join(workspace, 'a', 'b', 'c', 'd', 'env');
        fs.mkdirSync(deep, { recursive: true });
        fs.writeFileSync(path.join(deep, 'pyvenv.cfg'), 'home = /usr/bin\n');
        const run = activateWith(tempDir, wrapper, workspace);
        assert.match(await logged(run, /^Footprint: /), /^Footprint: full \(a Python environment is in the workspace\)/);
    });
});
