// activate() for real (hostless, fake sidecar): the sidecar is told, at initialize, which shell the user's default
// terminal profile runs (VS Code's env.shell), so the commands it shows to copy come quoted for that shell.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { CommandIds } from '../../features/commands';
import { activateWith, restoreVSCode } from './hostlessVSCode';

const fakeSidecar = path.join(__dirname, '..', 'fakes', 'fakeSidecar.js');

describe("the terminal's shell at initialize (fake sidecar, no VS Code host)", function () {
    this.timeout(60_000);
    let tempDir: string;

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-shell-')));
        fs.mkdirSync(path.join(tempDir, 'workspace'));
    });

    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    for (const [shell, quoting] of [['/usr/bin/fish', 'fish'], ['/bin/zsh', 'posix'], ['/opt/microsoft/powershell/7/pwsh', 'powershell']] as const) {
        it(`sends ${quoting} for a default profile running ${shell}`, async () => {
            const wrapper = path.join(tempDir, 'venv-sidecar');
            fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${fakeSidecar}" "$@"\n`, { mode: 0o755 });
            const run = activateWith(tempDir, wrapper, path.join(tempDir, 'workspace'));
            (vscode as unknown as { env: Record<string, unknown> }).env.shell = shell;

            await run.commands.get(CommandIds.scanWorkspace)!();

            const deadline = Date.now() + 30_000;
            while (!run.log.some((l) => l.includes('fake sidecar: run 1 initialized')) && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            assert.ok(run.log.some((l) => l.includes(`fake sidecar: run 1 initialized; shell ${quoting}`)), run.log.join('\n'));
        });
    }
});
