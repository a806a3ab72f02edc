// activate() for real, outside VS Code: the `vscode` stand-in gets just enough window/workspace members, and
// venvDoctor.sidecar.path points at the fake sidecar process. Checks the wiring: the sidecar starts, the workspace
// is scanned, the status item shows the environment, every contributed command is registered and works.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, deactivate } from '../../extension';
import { CommandIds } from '../../features/commands';
import { SECTION, SettingKeys } from '../../common/settings';
import { MemoryState } from '../unit/helpers';

const extensionRoot = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const fakeSidecar = path.join(__dirname, '..', 'fakes', 'fakeSidecar.js');
const mock = vscode as unknown as Record<string, Record<string, unknown>>;
const disposable = () => ({ dispose: () => undefined });

describe('extension activation (fake sidecar, no VS Code host)', function () {
    this.timeout(20_000);
    let tempDir: string;
    let assigned: [Record<string, unknown>, string][] = [];
    const set = (ns: string, member: string, value: unknown) => {
        mock[ns][member] = value;
        assigned.push([mock[ns], member]);
    };

    beforeEach(() => {
        tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-activate-'));
    });

    afterEach(async () => {
        await deactivate();
        for (const [ns, member] of assigned) {
            delete ns[member];
        }
        assigned = [];
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    it('starts the sidecar, scans, shows the interpreter in the status bar and registers every command', async () => {
        const wrapper = path.join(tempDir, 'venv-sidecar');
        fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${fakeSidecar}" "$@"\n`, { mode: 0o755 });

        let statusReached: () => void = () => undefined;
        const statusShown = new Promise<void>((resolve) => (statusReached = resolve));
        const item: Record<string, unknown> = { show: () => undefined, dispose: () => undefined };
        let text = '';
        Object.defineProperty(item, 'text', {
            get: () => text,
            set: (value: string) => {
                text = value;
                if (value === '$(pass) .venv (3.12.1)') {
                    statusReached();
                }
            },
        });
        const commands = new Map<string, (...args: unknown[]) => unknown>();
        const log: string[] = [];
        const channel = { info: (m: string) => log.push(m), warn: (m: string) => log.push(m), error: (m: string) => log.push(m), appendLine: (m: string) => log.push(m), show: () => undefined, dispose: () => undefined };
        let documentContent = '';
        const proj = { uri: vscode.Uri.file('/work/proj'), name: 'proj', index: 0 };

        set('window', 'createOutputChannel', () => channel);
        set('window', 'createStatusBarItem', (id: string) => {
            item.id = id;
            return item;
        });
        set('window', 'onDidChangeActiveTextEditor', disposable);
        set('window', 'activeTextEditor', undefined);
        set('window', 'showTextDocument', async () => undefined);
        set('workspace', 'workspaceFolders', [proj]);
        set('workspace', 'getConfiguration', (section: string) => ({
            get: (key: string) => (section === SECTION && key === SettingKeys.sidecarPath ? wrapper : undefined),
        }));
        set('workspace', 'onDidChangeConfiguration', disposable);
        set('workspace', 'onDidChangeWorkspaceFolders', disposable);
        set('workspace', 'openTextDocument', async (options: { content: string }) => {
            documentContent = options.content;
            return {};
        });
        set('commands', 'registerCommand', (id: string, handler: (...args: unknown[]) => unknown) => {
            commands.set(id, handler);
            return disposable();
        });
        set('languages', 'createDiagnosticCollection', () => ({ set: () => undefined, clear: () => undefined, dispose: () => undefined }));
        set('languages', 'registerCodeActionsProvider', disposable);
        set('extensions', 'getExtension', () => undefined);

        const context = {
            subscriptions: [] as { dispose(): unknown }[],
            extensionPath: path.join(tempDir, 'ext'),
            workspaceState: new MemoryState(),
            extension: { packageJSON: manifest },
        };
        const exported = activate(context as unknown as vscode.ExtensionContext);

        await statusShown;
        assert.strictEqual(item.id, 'venvDoctor.status');
        assert.strictEqual(item.name, 'Venv Doctor');
        assert.strictEqual(item.command, 'venvDoctor.selectInterpreter');
        assert.ok(log.some((l) => l.includes(`Starting ${wrapper} serve`)), log.join('\n'));
        assert.ok(log.some((l) => l.includes('[sidecar] fake sidecar: run 1 started')));

        const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
        assert.deepStrictEqual([...commands.keys()].sort(), contributed);

        assert.deepStrictEqual(exported.getEnvironments().map((e) => e.path), ['/work/proj/.venv']);
        const scanned = (await commands.get(CommandIds.scanWorkspace)!()) as { environments: { path: string; health: string }[] };
        assert.deepStrictEqual(scanned.environments.map((e) => [e.path, e.health]), [['/work/proj/.venv', 'ok']]);

        await commands.get(CommandIds.showReport)!();
        assert.match(documentContent, /## \.venv — ✅ ok/);
        context.subscriptions.forEach((s) => s.dispose());
    });
});

describe('package.json', () => {
    it('contributes exactly the command ids the code registers, in the Venv Doctor category', () => {
        const contributed = manifest.contributes.commands as { command: string; category: string }[];
        assert.deepStrictEqual(contributed.map((c) => c.command).sort(), Object.values(CommandIds).sort());
        assert.ok(contributed.every((c) => c.category === 'Venv Doctor'));
    });

    it('declares every setting the code reads', () => {
        const declared = Object.keys(manifest.contributes.configuration.properties).sort();
        assert.deepStrictEqual(declared, Object.values(SettingKeys).map((k) => `${SECTION}.${k}`).sort());
    });

    it('activates on venvs, Python files and its commands, and is limited in untrusted workspaces', () => {
        assert.deepStrictEqual(manifest.activationEvents, ['workspaceContains:**/pyvenv.cfg', 'workspaceContains:.venv', 'onLanguage:python', 'workspaceContains:**/*.py']);
        assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
        assert.match(manifest.engines.vscode, /^\^1\.(9\d|1[0-3]\d)\./);
    });
});
