// activate() for real, outside VS Code: the `vscode` stand-in gets just enough window/workspace members, and
// venvDoctor.sidecar.path points at the fake sidecar process. Checks the wiring: the sidecar starts, the workspace
// is scanned, the status item shows the environment, every contributed command is registered and works.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { execFileSync, spawnSync } from 'child_process';
import { VenvDoctorApi, activate, deactivate } from '../../extension';
import { locateSidecar } from '../../sidecar/sidecarLocator';
import { CommandIds } from '../../features/commands';
import { SECTION, SettingKeys } from '../../common/settings';
import { MemoryState } from '../unit/helpers';

const extensionRoot = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const fakeSidecar = path.join(__dirname, '..', 'fakes', 'fakeSidecar.js');
const mock = vscode as unknown as Record<string, Record<string, unknown>>;
const disposable = () => ({ dispose: () => undefined });

interface Activated {
    exported: VenvDoctorApi;
    item: Record<string, unknown>;
    commands: Map<string, (...args: unknown[]) => unknown>;
    log: string[];
    diagnostics: Map<string, vscode.Diagnostic[]>;
    documents: string[];
    /** Resolves when the status item's text first matches. */
    statusMatches(pattern: RegExp, timeoutMs?: number): Promise<string>;
    context: { subscriptions: { dispose(): unknown }[] };
}

describe('extension activation (no VS Code host)', function () {
    this.timeout(60_000);
    let tempDir: string;
    let assigned: [Record<string, unknown>, string][] = [];
    const set = (ns: string, member: string, value: unknown) => {
        mock[ns][member] = value;
        assigned.push([mock[ns], member]);
    };

    beforeEach(() => {
        tempDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'venv-doctor-activate-')));
    });

    afterEach(async () => {
        await deactivate();
        for (const [ns, member] of assigned) {
            delete ns[member];
        }
        assigned = [];
        fs.rmSync(tempDir, { recursive: true, force: true });
    });

    /** activate() with just enough of VS Code stood in: the sidecar at `sidecarPath`, one workspace folder. */
    type Answer = (message: string, buttons: string[]) => string | undefined;

    function activateWith(sidecarPath: string, workspaceFolder: string, interpreterSetting?: string, answer: Answer = () => undefined): Activated {
        const watchers: { pattern: RegExp; resolve: (text: string) => void }[] = [];
        const item: Record<string, unknown> = { show: () => undefined, dispose: () => undefined };
        let text = '';
        Object.defineProperty(item, 'text', {
            get: () => text,
            set: (value: string) => {
                text = value;
                watchers.filter((w) => w.pattern.test(value)).forEach((w) => w.resolve(value));
            },
        });
        const commands = new Map<string, (...args: unknown[]) => unknown>();
        const log: string[] = [];
        const channel = { info: (m: string) => log.push(m), warn: (m: string) => log.push(m), error: (m: string) => log.push(m), appendLine: (m: string) => log.push(m), show: () => undefined, dispose: () => undefined };
        const diagnostics = new Map<string, vscode.Diagnostic[]>();
        const documents: string[] = [];
        const folder = { uri: vscode.Uri.file(workspaceFolder), name: path.basename(workspaceFolder), index: 0 };

        set('window', 'createOutputChannel', () => channel);
        set('window', 'createStatusBarItem', (id: string) => {
            item.id = id;
            return item;
        });
        set('window', 'onDidChangeActiveTextEditor', disposable);
        set('window', 'activeTextEditor', undefined);
        set('window', 'showTextDocument', async () => undefined);
        // Notifications and modal dialogs are answered by `answer` (by default: dismissed).
        for (const name of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage']) {
            set('window', name, async (message: string, ...rest: unknown[]) => {
                const buttons = rest.filter((r): r is string => typeof r === 'string');
                log.push(`notification: ${message}`);
                return answer(message, buttons);
            });
        }
        set('window', 'withProgress', async (options: { title: string }, task: (progress: unknown, token: unknown) => Promise<unknown>) => {
            log.push(`progress: ${options.title}`);
            const token = { isCancellationRequested: false, onCancellationRequested: () => disposable() };
            return task({ report: (value: { message?: string }) => log.push(`progress report: ${value.message ?? ''}`) }, token);
        });
        set('workspace', 'workspaceFolders', [folder]);
        set('workspace', 'getWorkspaceFolder', () => folder);
        set('workspace', 'getConfiguration', (section: string) => ({
            get: (key: string) =>
                section === SECTION && key === SettingKeys.sidecarPath
                    ? sidecarPath
                    : section === 'python' && key === 'defaultInterpreterPath'
                      ? interpreterSetting // what VS Code reads from the folder's settings.json
                      : undefined,
        }));
        set('workspace', 'onDidChangeConfiguration', disposable);
        set('workspace', 'onDidChangeWorkspaceFolders', disposable);
        set('workspace', 'createFileSystemWatcher', () => ({
            onDidCreate: disposable,
            onDidChange: disposable,
            onDidDelete: disposable,
            dispose: () => undefined,
        }));
        set('workspace', 'openTextDocument', async (options: { content: string }) => {
            documents.push(options.content);
            return {};
        });
        set('commands', 'registerCommand', (id: string, handler: (...args: unknown[]) => unknown) => {
            commands.set(id, handler);
            return disposable();
        });
        set('languages', 'createDiagnosticCollection', () => ({
            set: (uri: vscode.Uri, list: vscode.Diagnostic[]) => diagnostics.set(uri.fsPath, list),
            clear: () => diagnostics.clear(),
            dispose: () => undefined,
        }));
        set('languages', 'registerCodeActionsProvider', disposable);
        set('extensions', 'getExtension', () => undefined);

        const context = {
            subscriptions: [] as { dispose(): unknown }[],
            extensionPath: path.join(tempDir, 'ext'),
            workspaceState: new MemoryState(),
            extension: { packageJSON: manifest },
        };
        const exported = activate(context as unknown as vscode.ExtensionContext);
        const statusMatches = (pattern: RegExp, timeoutMs = 30_000) =>
            pattern.test(text)
                ? Promise.resolve(text)
                : new Promise<string>((resolve, reject) => {
                      const timer = setTimeout(() => reject(new Error(`status is "${text}", not ${pattern}; log:\n${log.join('\n')}`)), timeoutMs);
                      watchers.push({ pattern, resolve: (value) => (clearTimeout(timer), resolve(value)) });
                  });
        return { exported, item, commands, log, diagnostics, documents, statusMatches, context };
    }

    it('with the fake sidecar: starts it, scans, shows the interpreter and registers every command', async () => {
        const wrapper = path.join(tempDir, 'venv-sidecar');
        fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${fakeSidecar}" "$@"\n`, { mode: 0o755 });
        const run = activateWith(wrapper, '/work/proj');

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
        assert.match(run.documents[0], /## \.venv — ✅ ok/);
        run.context.subscriptions.forEach((s) => s.dispose());
    });

    it('with the real sidecar: a real venv shows in the status bar and a stale setting is underlined', async function () {
        const sidecar = findSidecar();
        const python = findPython();
        if (!sidecar || !python) {
            console.log(`    (skipped: ${!sidecar ? 'no venv-sidecar built (npm run build:server)' : 'no Python with venv here'})`);
            return this.skip();
        }
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(path.join(project, '.vscode'), { recursive: true });
        execFileSync(python, ['-m', 'venv', '--without-pip', path.join(project, '.venv')]);
        const pyvenvCfg = fs.readFileSync(path.join(project, '.venv', 'pyvenv.cfg'), 'utf8');
        const version = /^version(?:_info)? = (\S+)$/m.exec(pyvenvCfg)?.[1];
        const stale = path.join(tempDir, 'project-old', '.venv', 'bin', 'python');
        const settingsFile = path.join(project, '.vscode', 'settings.json');
        fs.writeFileSync(settingsFile, `{\n    // moved here from project-old\n    "python.defaultInterpreterPath": ${JSON.stringify(stale)}\n}\n`);

        const run = activateWith(sidecar, project, stale);
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

    it('with the real sidecar: a renamed venv is announced and "Repair in place" rewrites it for its new place', async function () {
        const sidecar = findSidecar();
        const python = findPython();
        const serves = sidecar ? sidecarMethods(sidecar) : [];
        const needed = ['workspace/didChangeWatchedFiles', 'venv/planRepair', 'venv/applyRepair'];
        if (!sidecar || !python || !needed.every((m) => serves.includes(m))) {
            console.log(`    (skipped: ${!sidecar ? 'no venv-sidecar built' : !python ? 'no Python with venv here' : `this sidecar does not serve ${needed.filter((m) => !serves.includes(m)).join(', ')}`})`);
            return this.skip();
        }
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(project);
        execFileSync(python, ['-m', 'venv', '--without-pip', path.join(project, '.venv')], { timeout: 60_000 });
        const before = path.join(project, '.venv');
        const after = path.join(project, 'renamed-env');
        const run = activateWith(sidecar, project, undefined, (_message, buttons) =>
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

    it('with the real sidecar: a removed base breaks the status, and "Relink" from the notification repairs it', async function () {
        const sidecar = findSidecar();
        const python = findPython();
        const serves = sidecar ? sidecarMethods(sidecar) : [];
        const needed = ['workspace/didChangeWatchedFiles', 'venv/planRepair', 'venv/applyRepair'];
        if (!sidecar || !python || !needed.every((m) => serves.includes(m))) {
            console.log(`    (skipped: ${!sidecar ? 'no venv-sidecar built' : !python ? 'no Python with venv here' : `this sidecar does not serve ${needed.filter((m) => !serves.includes(m)).join(', ')}`})`);
            return this.skip();
        }
        // A base that can be removed: a folder whose bin/python3 links to a real install.
        const base = path.join(tempDir, 'base');
        fs.mkdirSync(path.join(base, 'bin'), { recursive: true });
        fs.symlinkSync(fs.realpathSync(python), path.join(base, 'bin', 'python3'));
        const project = path.join(tempDir, 'project');
        fs.mkdirSync(project);
        execFileSync(path.join(base, 'bin', 'python3'), ['-m', 'venv', '--without-pip', path.join(project, '.venv')], { timeout: 60_000 });
        const version = /^version(?:_info)? = (\S+)$/m.exec(fs.readFileSync(path.join(project, '.venv', 'pyvenv.cfg'), 'utf8'))![1];
        const run = activateWith(sidecar, project, undefined, (_message, buttons) =>
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

/** The methods a sidecar lists in its initialize answer: one short `serve` (exit without shutdown ends it, code 1). */
function sidecarMethods(sidecar: string): string[] {
    const frame = (message: object) => {
        const body = JSON.stringify({ jsonrpc: '2.0', ...message });
        return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const input = frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }) + frame({ method: 'exit' });
    const out = spawnSync(sidecar, ['serve'], { input, timeout: 30_000 }).stdout?.toString() ?? '';
    const match = /Content-Length: (\d+)\r\n\r\n/.exec(out);
    if (!match) {
        return [];
    }
    const body = Buffer.from(out.slice(match.index + match[0].length)).subarray(0, Number(match[1])).toString();
    return JSON.parse(body).result?.capabilities?.experimental?.venvDoctor?.methods ?? [];
}

function findSidecar(): string | undefined {
    const located = locateSidecar({ override: process.env.VENV_SIDECAR, extensionPath: extensionRoot, platform: process.platform, exists: (f) => fs.existsSync(f) });
    return located.found ? located.candidate.path : undefined;
}

/** A Python 3 with the venv module: pyenv builds first, then the system's. */
function findPython(): string | undefined {
    const pyenv = path.join(os.homedir(), '.pyenv', 'versions');
    const candidates = fs.existsSync(pyenv)
        ? fs.readdirSync(pyenv).filter((v) => v.startsWith('3.')).map((v) => path.join(pyenv, v, 'bin', 'python3'))
        : [];
    candidates.push('/usr/bin/python3');
    return candidates.find((p) => {
        try {
            execFileSync(p, ['-c', 'import venv'], { stdio: 'ignore', timeout: 10_000 });
            return true;
        } catch {
            return false;
        }
    });
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits for a condition that an event will make true (no fixed sleeps), up to a deadline. */
async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error('condition not met in time');
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

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
