// The extension's main flows, hostless (see hostlessVSCode.ts), against the real sidecar and real venvs made by a
// real Python: each test skips, with the reason, when no sidecar is built or no Python is here, and fails when the
// sidecar crashes or does not serve what the flow needs.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandIds } from '../../features/commands';
import { activateWith, restoreVSCode } from './hostlessVSCode';
import { escape, findPython, findSidecar, missingForFlow, waitUntil } from './realThings';

describe('extension flows with the real sidecar (no VS Code host)', function () {
    this.timeout(60_000);
    let tempDir: string;

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-flow-')));
    });

    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    function skipUnless(test: Mocha.Context, methods: string[]): { sidecar: string; python: string } {
        const missing = missingForFlow(methods);
        if (missing) {
            console.log(`      (skipped: ${missing})`);
            test.skip();
        }
        return { sidecar: findSidecar()!, python: findPython()! };
    }

    it('a real venv shows in the status bar and a stale setting is underlined', async function () {
        const { sidecar, python } = skipUnless(this, ['venv/list']);
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(path.join(project, '.vscode'), { recursive: true });
        execFileSync(python, ['-m', 'venv', '--without-pip', path.join(project, '.venv')]);
        const pyvenvCfg = fs.readFileSync(path.join(project, '.venv', 'pyvenv.cfg'), 'utf8');
        const version = /^version(?:_info)? = (\S+)$/m.exec(pyvenvCfg)?.[1];
        const stale = path.join(tempDir, 'project-old', '.venv', 'bin', 'python');
        const settingsFile = path.join(project, '.vscode', 'settings.json');
        fs.writeFileSync(settingsFile, `{\n    // moved here from project-old\n    "python.defaultInterpreterPath": ${JSON.stringify(stale)}\n}\n`);

        const run = activateWith(tempDir, sidecar, project, stale);
        // The stale setting is what this folder uses, so the status bar says it is missing...
        await run.statusMatches(/^\$\(error\) \.venv \(missing\)$/);
        // ...the setting's value is underlined...
        await waitUntil(() => run.diagnostics.has(settingsFile));
        const [diagnostic] = run.diagnostics.get(settingsFile)!;
        assert.deepStrictEqual([diagnostic.range.start.line, diagnostic.range.start.character], [2, 37]);
        assert.match(diagnostic.message, new RegExp(`The environment is now at ${escape(path.join(project, '.venv', 'bin', 'python'))}`));
        // ...and the re-point notification names where the environment is now.
        await waitUntil(() => run.log.some((l) => l.startsWith('notification: The saved interpreter')));
        assert.ok(run.log.includes(`notification: The saved interpreter \`${stale}\` no longer exists. The environment that was there is now at \`${path.join(project, '.venv')}\`.`), run.log.join('\n'));
        const environments = run.exported.getEnvironments();
        assert.deepStrictEqual(environments.map((e) => [e.path, e.health, e.version]), [[path.join(project, '.venv'), 'ok', version]]);
        run.context.subscriptions.forEach((s) => s.dispose());
    });

    it('the stale-setting quick fix has the sidecar re-point the setting, and Undo Last Repair puts it back', async function () {
        const { sidecar, python } = skipUnless(this, ['venv/list', 'venv/applyRepair', 'venv/undoRepair']);
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(path.join(project, '.vscode'), { recursive: true });
        execFileSync(python, ['-m', 'venv', '--without-pip', path.join(project, '.venv')], { timeout: 60_000 });
        const stale = path.join(tempDir, 'project-old', '.venv', 'bin', 'python');
        const settingsFile = path.join(project, '.vscode', 'settings.json');
        const staleText = `{\n    // moved here from project-old\n    "python.defaultInterpreterPath": ${JSON.stringify(stale)},\n    "editor.tabSize": 2\n}\n`;
        fs.writeFileSync(settingsFile, staleText);
        const run = activateWith(tempDir, sidecar, project, stale);
        await waitUntil(() => run.diagnostics.has(settingsFile));
        const now = path.join(project, '.venv', 'bin', 'python');

        // What the quick fix runs (SettingsDiagnostics gives the command these arguments).
        assert.strictEqual(await run.commands.get(CommandIds.repointSetting)!(settingsFile, now), 'applied', run.log.join('\n'));
        const written = fs.readFileSync(settingsFile, 'utf8');
        assert.strictEqual(written, staleText.replace(JSON.stringify(stale), JSON.stringify(now)), 'only the value changed: comments and the rest kept');
        await waitUntil(() => !run.diagnostics.has(settingsFile)); // listed again: the sidecar finds the setting resolves

        assert.strictEqual(await run.commands.get(CommandIds.undoLastRepair)!(), true, run.log.join('\n'));
        assert.strictEqual(fs.readFileSync(settingsFile, 'utf8'), staleText);
        run.context.subscriptions.forEach((s) => s.dispose());
    });

    it('a renamed venv is announced and "Repair in place" rewrites it for its new place', async function () {
        const { sidecar, python } = skipUnless(this, ['workspace/didChangeWatchedFiles', 'venv/planRepair', 'venv/applyRepair']);
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(project);
        execFileSync(python, ['-m', 'venv', '--without-pip', path.join(project, '.venv')], { timeout: 60_000 });
        const before = path.join(project, '.venv');
        const after = path.join(project, 'renamed-env');
        const run = activateWith(tempDir, sidecar, project, undefined, (_message, buttons) =>
            buttons.includes('Repair in place') ? 'Repair in place' : buttons.includes('Apply repair') ? 'Apply repair' : undefined,
        );
        await run.statusMatches(/^\$\(pass\) \.venv \(/);

        fs.renameSync(before, after);
        await waitUntil(() => run.log.includes(`notification: The virtual environment \`.venv\` moved from \`${before}\` to \`${after}\`.`), 20_000)
            .catch(() => assert.fail(`no "moved" notification; log:\n${run.log.join('\n')}`));
        await waitUntil(() => run.log.some((l) => l.startsWith('notification: Repaired `renamed-env`: it is now ok.')), 60_000)
            .catch(() => assert.fail(`not repaired; log:\n${run.log.join('\n')}`));
        assert.ok(run.log.some((l) => l.startsWith('progress: Venv Doctor: Relocate')), run.log.join('\n'));
        // The activation script now names the new place (it named the old one before the repair).
        assert.match(fs.readFileSync(path.join(after, 'bin', 'activate'), 'utf8'), new RegExp(`^VIRTUAL_ENV=["']?${escape(after)}["']?$`, 'm'));
        await run.statusMatches(/^\$\(pass\) renamed-env \(/);
        run.context.subscriptions.forEach((s) => s.dispose());
    });

    it('a removed base breaks the status, and "Relink" from the notification repairs it', async function () {
        const { sidecar, python } = skipUnless(this, ['workspace/didChangeWatchedFiles', 'venv/planRepair', 'venv/applyRepair']);
        // A base that can be removed: a folder whose bin/python3 links to a real install.
        const base = path.join(tempDir, 'base');
        fs.mkdirSync(path.join(base, 'bin'), { recursive: true });
        fs.symlinkSync(fs.realpathSync(python), path.join(base, 'bin', 'python3'));
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(project);
        execFileSync(path.join(base, 'bin', 'python3'), ['-m', 'venv', '--without-pip', path.join(project, '.venv')], { timeout: 60_000 });
        const version = /^version(?:_info)? = (\S+)$/m.exec(fs.readFileSync(path.join(project, '.venv', 'pyvenv.cfg'), 'utf8'))![1];
        const run = activateWith(tempDir, sidecar, project, undefined, (_message, buttons) =>
            buttons.find((b) => b.startsWith('Relink to Python')) ?? (buttons.includes('Apply repair') ? 'Apply repair' : undefined),
        );
        await run.statusMatches(new RegExp(`^\\$\\(pass\\) \\.venv \\(${escape(version)}\\)$`));

        fs.rmSync(base, { recursive: true });
        await run.statusMatches(new RegExp(`^\\$\\(error\\) \\.venv \\(${escape(version)}\\)$`), 20_000);
        await waitUntil(() => run.log.some((l) => l.startsWith('notification: Repaired `.venv`: it is now ok.')), 60_000)
            .catch(() => assert.fail(`not repaired; log:\n${run.log.join('\n')}`));
        assert.ok(run.log.some((l) => l.startsWith('notification: The selected interpreter `.venv` is broken: ')), run.log.join('\n'));
        await run.statusMatches(/^\$\(pass\) \.venv \(/);
        assert.notStrictEqual(/^home = (.*)$/m.exec(fs.readFileSync(path.join(project, '.venv', 'pyvenv.cfg'), 'utf8'))?.[1], path.join(base, 'bin'));
        run.context.subscriptions.forEach((s) => s.dispose());
    });
});
