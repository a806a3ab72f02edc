import * as assert from 'assert';
import * as sinon from 'sinon';
import * as api from '../../../common/vscodeApi';
import { DISMISSED_KEY, Notifier } from '../../../features/notifications';
import * as picker from '../../../features/interpreterPicker';
import * as repair from '../../../features/repair';
import { ActiveInterpreter } from '../../../features/activeInterpreter';
import { Environment } from '../../../sidecar/protocol';
import * as vscode from 'vscode';
import { REPORT_SCHEME, reportPreviews } from '../../../features/views/reportView';
import { brokenEnv, env, fakeInterpreterSettings, fakeServices, folder, pythonExtensionChoice, staleSetting } from '../helpers';

describe('Notifier', () => {
    afterEach(() => sinon.restore());
    const moved = { from: '/work/old/.venv', to: '/work/proj/.venv', diagnosis: env('/work/proj/.venv', { health: 'broken', suggestions: [{ action: 'relocate', title: 'Repair in place', data: {} }] }) };

    it('announces a move with the exact text and buttons', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const warn = sinon.stub(api, 'showWarningMessage').resolves('Details' as never);
        const command = sinon.stub(api, 'executeCommand').resolves();
        await new Notifier(services).onMoved(moved);
        assert.deepStrictEqual(warn.firstCall.args, [
            'The virtual environment `.venv` moved from `/work/old/.venv` to `/work/proj/.venv`.',
            'Repair in place',
            'Use as interpreter',
            'Details',
        ]);
        // Details renders the environment's report in the Markdown preview, from a read-only document.
        const [name, uri] = command.firstCall.args as [string, vscode.Uri];
        assert.strictEqual(name, 'markdown.showPreview');
        assert.strictEqual(uri.scheme, REPORT_SCHEME);
        assert.match(reportPreviews.provideTextDocumentContent(uri), /\/work\/proj\/\.venv/);
    });

    it('does not repeat a dismissed notification for the same condition, and remembers it in workspaceState', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const warn = sinon.stub(api, 'showWarningMessage').resolves(undefined);
        const notifier = new Notifier(services);
        await notifier.onMoved(moved);
        await notifier.onMoved(moved);
        assert.strictEqual(warn.callCount, 1);
        assert.deepStrictEqual(services.workspaceState.get(DISMISSED_KEY, []), ['moved:/work/old/.venv->/work/proj/.venv']);
        // A fresh window (new Notifier, same workspaceState) stays quiet too; another condition is still shown.
        await new Notifier(services).onMoved(moved);
        await notifier.onMoved({ ...moved, from: '/elsewhere/.venv' });
        assert.strictEqual(warn.callCount, 2);
    });

    it('does not stack the same notification while it is still showing', async () => {
        const services = fakeServices({ folder: folder('/work/proj'), interpreters: pythonExtensionChoice().interpreters });
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        let answer: (value: string | undefined) => void = () => undefined;
        const warn = sinon.stub(api, 'showWarningMessage').returns(new Promise((resolve) => (answer = resolve)) as never);
        const notifier = new Notifier(services);
        const first = notifier.onMoved(moved);
        await notifier.onMoved(moved);
        assert.strictEqual(warn.callCount, 1);
        answer('Use as interpreter');
        await first;
    });

    it('shows nothing when venvDoctor.notifications.enabled is off', async () => {
        const services = fakeServices({ folder: folder('/work/proj'), notifications: false });
        const warn = sinon.stub(api, 'showWarningMessage');
        const error = sinon.stub(api, 'showErrorMessage');
        const notifier = new Notifier(services);
        await notifier.onMoved(moved);
        await notifier.onFolderInterpreters([{ source: 'setting', environment: brokenEnv('/work/proj/.venv'), missing: false }]);
        assert.ok(warn.notCalled && error.notCalled);
    });

    it('"Use as interpreter" re-points the folder the environment moved into', async () => {
        const { interpreters, python } = pythonExtensionChoice();
        const services = fakeServices({ folder: folder('/work/other'), interpreters });
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/other'), folder('/work/proj')]);
        sinon.stub(api, 'showWarningMessage').resolves('Use as interpreter' as never);
        await new Notifier(services).onMoved(moved);
        assert.deepStrictEqual(python.calls, ['updateActiveEnvironmentPath /work/proj/.venv/bin/python']);
        assert.strictEqual(python.getActiveEnvironmentPath(folder('/work/proj').uri).path, '/work/proj/.venv/bin/python');
        assert.ok(services.refreshStatus.called);
    });

    it('"Repair in place" runs the relocate repair', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        sinon.stub(api, 'showWarningMessage').resolves('Repair in place' as never);
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        await new Notifier(services).onMoved(moved);
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/.venv', 'relocate']);
    });

    it('tells when a selected interpreter broke: the top suggestion as the first button, then Choose another, then Details', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const error = sinon.stub(api, 'showErrorMessage').resolves('Relink to Python 3.12.4' as never);
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        const active: ActiveInterpreter = { source: 'python-extension', environment: brokenEnv('/work/proj/.venv'), missing: false };
        await new Notifier(services).onFolderInterpreters([active]);
        assert.deepStrictEqual(error.firstCall.args, [
            'The selected interpreter `.venv` is broken: The base interpreter /usr/bin/python3.12 is gone.',
            'Relink to Python 3.12.4',
            'Choose another',
            'Details',
        ]);
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/.venv', 'relink-base']);

        error.resolves('Choose another' as never);
        const select = sinon.stub(picker, 'selectInterpreter').resolves();
        await new Notifier(services).onFolderInterpreters([{ ...active, environment: brokenEnv('/work/proj/venv2') }]);
        assert.ok(select.calledOnce);
    });

    it('announces any error finding, codes it has never heard of included, by its suggestion', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const error = sinon.stub(api, 'showErrorMessage').resolves(undefined);
        const cases: [Partial<Environment>, string][] = [
            [{ findings: [{ code: 'copied', severity: 'error', message: 'A copy of /w/a/.venv.', data: {} }], suggestions: [{ action: 'make-independent', title: 'Make it independent', data: {} }] }, 'Make independent'],
            [{ findings: [{ code: 'moved', severity: 'error', message: 'Moved from /w/old.', data: {} }], suggestions: [{ action: 'relocate', title: 'Update the paths', data: {} }] }, 'Repair in place'],
            [{ findings: [{ code: 'inconsistent', severity: 'error', message: 'lib says 3.11.', data: {} }], suggestions: [{ action: 'recreate', title: 'Recreate it', data: {} }] }, 'Recreate'],
            [{ findings: [{ code: 'config-missing', severity: 'error', message: 'No pyvenv.cfg.', data: {} }], suggestions: [{ action: 'regenerate-config', title: 'Write it', data: {} }] }, 'Regenerate config'],
            [{ findings: [{ code: 'made-up-later', severity: 'error', message: 'Something new.', data: {} }], suggestions: [{ action: 'new-repair', title: 'Do the new thing', data: {} }] }, 'Do the new thing'],
        ];
        const notifier = new Notifier(services);
        for (const [i, [overrides, button]] of cases.entries()) {
            await notifier.onFolderInterpreters([{ source: 'discovered', environment: env(`/work/proj/env${i}`, { health: 'broken', ...overrides }), missing: false }]);
            assert.deepStrictEqual(error.lastCall.args.slice(1), [button, 'Choose another', 'Details']);
            assert.match(error.lastCall.args[0], new RegExp(`^The selected interpreter \`env${i}\` is broken: ${overrides.findings![0].message.replace('.', '\\.')}$`));
        }
        assert.strictEqual(error.callCount, cases.length);
    });

    it('offers restore-interpreter-links for a deleted bin/python by the suggestion alone, no code list', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const error = sinon.stub(api, 'showErrorMessage').resolves('Restore python in bin/' as never);
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        const environment = env('/work/proj/.venv', {
            health: 'broken',
            findings: [{ code: 'interpreter-link-missing', severity: 'error', message: 'bin/python is missing.', data: { names: 'python', missing: 'python' } }],
            suggestions: [{ action: 'restore-interpreter-links', title: 'Restore python in bin/', data: { names: 'python', interpreter: '/work/proj/.venv/bin/python3.12' } }],
        });
        await new Notifier(services).onFolderInterpreters([{ source: 'discovered', environment, missing: false }]);
        assert.deepStrictEqual(error.firstCall.args, ['The selected interpreter `.venv` is broken: bin/python is missing.', 'Restore python in bin/', 'Choose another', 'Details']);
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/.venv', 'restore-interpreter-links']);
    });

    it('warns once per condition about warnings; a changed condition is new; healthy and info-only stay quiet', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const warn = sinon.stub(api, 'showWarningMessage').resolves('Details' as never);
        const error = sinon.stub(api, 'showErrorMessage').resolves(undefined);
        sinon.stub(api, 'executeCommand').resolves();
        const stale = env('/work/proj/.venv', {
            health: 'warning',
            findings: [{ code: 'editable-stale', severity: 'warning', message: 'An editable install points at /src/gone.', data: {} }],
            suggestions: [{ action: 'reinstall-editable', title: 'Reinstall it', data: {} }],
        });
        const notifier = new Notifier(services);
        await notifier.onFolderInterpreters([{ source: 'setting', environment: stale, missing: false }]);
        await notifier.onFolderInterpreters([{ source: 'setting', environment: stale, missing: false }]);
        assert.strictEqual(warn.callCount, 1);
        assert.deepStrictEqual(warn.firstCall.args, ['The selected interpreter `.venv` has a problem: An editable install points at /src/gone.', 'Reinstall editable', 'Choose another', 'Details']);
        const worse = { ...stale, findings: [...stale.findings!, { code: 'dangling-link', severity: 'warning' as const, message: 'lib64 points at nothing.', data: {} }] };
        await notifier.onFolderInterpreters([{ source: 'setting', environment: worse, missing: false }]);
        assert.strictEqual(warn.callCount, 2);

        await notifier.onFolderInterpreters([
            { source: 'setting', environment: env('/work/proj/ok'), missing: false },
            { source: 'setting', environment: env('/work/proj/drift', { findings: [{ code: 'patch-drift', severity: 'info', message: 'patch', data: {} }] }), missing: false },
        ]);
        assert.strictEqual(warn.callCount, 2);
        assert.ok(error.notCalled);
    });

    it('tracks every folder of a multi-root workspace, once per environment, and leaves a just-moved one to the "moved" notification', async () => {
        const services = fakeServices({ folder: folder('/work/a') });
        const error = sinon.stub(api, 'showErrorMessage').resolves(undefined);
        sinon.stub(api, 'showWarningMessage').resolves(undefined);
        const shared = brokenEnv('/work/shared/.venv');
        const notifier = new Notifier(services);
        await notifier.onMoved(moved);
        await notifier.onFolderInterpreters(
            [
                { folder: { name: 'a', fsPath: '/work/a' }, source: 'setting', environment: shared, missing: false },
                { folder: { name: 'b', fsPath: '/work/b' }, source: 'setting', environment: shared, missing: false },
                { folder: { name: 'proj', fsPath: '/work/proj' }, source: 'discovered', environment: moved.diagnosis, missing: false },
            ],
            (e) => `label of ${e.path}`,
        );
        assert.strictEqual(error.callCount, 1);
        assert.match(error.firstCall.args[0], /`label of \/work\/shared\/\.venv`/);
    });

    it('offers to re-point a saved interpreter path that no longer exists', async () => {
        const settings = fakeInterpreterSettings();
        const { interpreters, python } = pythonExtensionChoice([], settings.writeSetting);
        const services = fakeServices({ folder: folder('/work/proj'), interpreters });
        services.store.upsert(env('/work/proj/.venv'));
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        const warn = sinon.stub(api, 'showWarningMessage').resolves('Re-point' as never);
        const setting = staleSetting;
        await new Notifier(services).onSettings([setting, { ...setting, resolves: true }, { ...setting, suggestion: null, value: 'x' }]);
        assert.deepStrictEqual(warn.firstCall.args, [
            'The saved interpreter `/work/old/.venv/bin/python` no longer exists. The environment that was there is now at `/work/proj/.venv`.',
            'Re-point',
        ]);
        assert.strictEqual(warn.callCount, 1);
        assert.deepStrictEqual(python.calls, ['updateActiveEnvironmentPath /work/proj/.venv/bin/python']);
        assert.strictEqual(settings.values.get('/work/proj'), '/work/proj/.venv/bin/python');
    });
});
