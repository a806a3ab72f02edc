// activate() for real (hostless, see hostlessVSCode.ts) with the real sidecar and real venvs, and the Python
// Environments extension present as a fake typed by its published API: the status item shows that extension's
// selection for the folder and follows it when the user changes it there; python.defaultInterpreterPath is not used.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import * as extension from '../../extension';
import { FakePythonEnvironmentsApi } from '../fakes/fakePythonApis';
import { activateWith } from './hostlessVSCode';
import { scratchFolderPerTest } from './scratchFolder';
import { escape, findPython, findSidecar, missingForFlow } from './realThings';

describe('the Python Environments extension as the interpreter backend (real sidecar, no VS Code host)', function () {
    this.timeout(90_000);
    const scratch = scratchFolderPerTest('venv-doctor-envs-');

    it("shows its selection for the folder and follows a change made in it", async function () {
        const missing = missingForFlow(['venv/list']);
        if (missing) {
            console.log(`      (skipped: ${missing})`);
            this.skip();
        }
        const project = path.join(scratch(), 'project');
        for (const venv of ['.venv', 'tools-env']) {
            execFileSync(findPython()!, ['-m', 'venv', '--without-pip', path.join(project, venv)], { timeout: 60_000 });
        }
        const version = /^version(?:_info)? = (\S+)$/m.exec(fs.readFileSync(path.join(project, '.venv', 'pyvenv.cfg'), 'utf8'))![1];
        const envs = new FakePythonEnvironmentsApi();
        const dotVenv = envs.addVenv(path.join(project, '.venv'), version);
        const tools = envs.addVenv(path.join(project, 'tools-env'), version);
        await envs.setEnvironment(vscode.Uri.file(project), tools);

        // The Python Environments extension is installed and active; its exports are its API.
        const extensions = (vscode as unknown as { extensions: Record<string, unknown> }).extensions;
        const withPythonEnvironments: typeof extension = {
            ...extension,
            activate: (context) => {
                extensions.getExtension = (id: string) =>
                    id === 'ms-python.vscode-python-envs' ? { id, isActive: true, exports: envs, activate: async () => envs } : undefined;
                return extension.activate(context);
            },
        };
        const run = activateWith(scratch(), findSidecar()!, project, undefined, () => undefined, withPythonEnvironments);

        await run.statusMatches(new RegExp(`^\\$\\(pass\\) tools-env \\(${escape(version)}\\)$`));
        assert.match(String((run.item.tooltip as { value?: string })?.value ?? run.item.tooltip), /Chosen by the Python Environments extension/);
        assert.ok(run.log.includes('Reading and setting interpreters through the Python Environments extension.'), run.log.join('\n'));

        await envs.setEnvironment(vscode.Uri.file(project), dotVenv); // the user picks .venv in that extension's UI
        await run.statusMatches(new RegExp(`^\\$\\(pass\\) \\.venv \\(${escape(version)}\\)$`));
        assert.ok(!fs.existsSync(path.join(project, '.vscode', 'settings.json')), 'settings were written');
        run.context.subscriptions.forEach((s) => s.dispose());
    });
});
