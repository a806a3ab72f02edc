// activate() for real with the fake sidecar process (hostless, see hostlessVSCode.ts): the wiring — the sidecar
// starts, the workspace is scanned, the status item shows the environment, every contributed command works — and
// the manifest agrees with the code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { CommandIds } from '../../features/commands';
import { ViewCommandIds } from '../../features/views/environmentsView';
import { SECTION, SettingKeys } from '../../common/settings';
import { execFileSync } from 'child_process';
import { activateWith, extensionRoot, manifest, restoreVSCode } from './hostlessVSCode';

const fakeSidecar = path.join(__dirname, '..', 'fakes', 'fakeSidecar.js');

describe('extension activation (fake sidecar, no VS Code host)', function () {
    this.timeout(60_000);
    let tempDir: string;

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-activate-')));
    });

    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    it('starts the sidecar, scans, shows the interpreter and registers every command', async () => {
        const wrapper = path.join(tempDir, 'venv-sidecar');
        fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${fakeSidecar}" "$@"\n`, { mode: 0o755 });
        const run = activateWith(tempDir, wrapper, '/work/proj');

        await run.statusMatches(/^\$\(pass\) \.venv \(3\.12\.1\)$/);
        assert.strictEqual(run.item.id, 'venvDoctor.status');
        assert.strictEqual(run.item.name, 'Venv Doctor');
        assert.strictEqual(run.item.command, 'venvDoctor.selectInterpreter');
        assert.ok(run.log.some((l) => l.includes(`Starting ${wrapper} serve`)), run.log.join('\n'));
        assert.ok(run.log.some((l) => l.includes('[sidecar] fake sidecar: run 1 started')));

        const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
        assert.deepStrictEqual([...run.commands.keys()].sort(), contributed);

        assert.deepStrictEqual(run.exported.getEnvironments().map((e) => e.path), ['/work/proj/.venv']);
        const scanned = (await run.commands.get(CommandIds.scanWorkspace)!()) as { environments: { path: string; health: string }[] };
        assert.deepStrictEqual(scanned.environments.map((e) => [e.path, e.health]), [['/work/proj/.venv', 'ok']]);

        await run.commands.get(CommandIds.showReport)!();
        assert.ok(run.log.some((l) => l.startsWith('command: markdown.showPreview')), run.log.join('\n'));
        const report = run.contentProviders.get('venv-doctor-report')!.provideTextDocumentContent(vscode.Uri.from({ scheme: 'venv-doctor-report', path: '/Venv Doctor report.md' }), undefined as never);
        assert.match(String(report), /## \.venv — OK/);
        run.context.subscriptions.forEach((s) => s.dispose());
    });
});

describe('the bundle (dist/extension.js as the VSIX ships it)', function () {
    this.timeout(60_000);
    let tempDir: string;

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-bundle-')));
    });

    afterEach(async () => {
        await restoreVSCode();
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    it('bundles with esbuild.mjs and activates: every dependency resolved inside the one file', async () => {
        const bundle = path.join(tempDir, 'extension.js');
        execFileSync(process.execPath, [path.join(extensionRoot, 'esbuild.mjs'), '--production', '--outfile', bundle], { cwd: extensionRoot, timeout: 60_000 });
        const wrapper = path.join(tempDir, 'venv-sidecar');
        fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${fakeSidecar}" "$@"\n`, { mode: 0o755 });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const run = activateWith(tempDir, wrapper, '/work/proj', undefined, undefined, require(bundle));
        await run.statusMatches(/^\$\(pass\) \.venv \(3\.12\.1\)$/);
        assert.deepStrictEqual(run.exported.getEnvironments().map((e) => e.path), ['/work/proj/.venv']);
        run.context.subscriptions.forEach((s) => s.dispose());
    });
});

describe('package.json', () => {
    it('contributes exactly the command ids the code registers, in the Venv Doctor category', () => {
        const contributed = manifest.contributes.commands as { command: string; category: string }[];
        assert.deepStrictEqual(contributed.map((c) => c.command).sort(), [...Object.values(CommandIds), ...Object.values(ViewCommandIds)].sort());
        assert.ok(contributed.every((c) => c.category === 'Venv Doctor'));
    });

    it('declares every setting the code reads', () => {
        const declared = Object.keys(manifest.contributes.configuration.properties).sort();
        assert.deepStrictEqual(declared, Object.values(SettingKeys).map((k) => `${SECTION}.${k}`).sort());
    });

    it('activates on venvs, Python projects, interpreter settings, an opened Python file and its commands, and is limited in untrusted workspaces', () => {
        // Not on any .py file anywhere (issue #19): the full list is checked against the markers in workspaceMarkers.unit.test.ts.
        assert.ok(manifest.activationEvents.includes('workspaceContains:**/pyvenv.cfg'));
        assert.ok(manifest.activationEvents.includes('onLanguage:python'));
        assert.ok(!manifest.activationEvents.includes('workspaceContains:**/*.py'));
        assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
        assert.match(manifest.engines.vscode, /^\^1\.(9\d|1[0-3]\d)\./);
    });
});
