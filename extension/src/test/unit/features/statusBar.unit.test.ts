import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { ActiveInterpreter } from '../../../features/activeInterpreter';
import { STATUS_ITEM_ID, StatusBar, statusView } from '../../../features/statusBar';
import { SessionState } from '../../../sidecar/sidecarSession';
import { brokenEnv, env } from '../helpers';

describe('statusView', () => {
    const folder = { name: 'proj', fsPath: '/work/proj' };
    const running = { scanning: false, sessionState: SessionState.Running };
    const active = (environment = env('/work/proj/.venv')): ActiveInterpreter => ({
        folder,
        source: 'python-extension',
        interpreterPath: environment.interpreter ?? undefined,
        environment,
        missing: false,
    });

    it('shows a healthy environment by name and version, without a background colour', () => {
        const view = statusView({ ...running, active: active() });
        assert.strictEqual(view.text, '$(pass) .venv (3.12.1)');
        assert.strictEqual(view.background, undefined);
        assert.strictEqual(view.command, 'venvDoctor.selectInterpreter');
        assert.match(view.tooltip, /`\/work\/proj\/\.venv\/bin\/python`/);
        assert.match(view.tooltip, /Chosen by the Python extension/);
    });

    it('uses the warning colour for warnings and the error colour for broken, listing the findings', () => {
        const warning = env('/work/proj/.venv', {
            health: 'warning',
            findings: [{ code: 'editable-stale', severity: 'warning', message: 'An editable install points to a moved folder.', data: {} }],
        });
        const warned = statusView({ ...running, active: active(warning) });
        assert.strictEqual(warned.text, '$(warning) .venv (3.12.1)');
        assert.strictEqual(warned.background, 'warning');

        const broken = statusView({ ...running, active: active(brokenEnv('/work/proj/.venv')) });
        assert.strictEqual(broken.text, '$(error) .venv (3.12.1)');
        assert.strictEqual(broken.background, 'error');
        assert.match(broken.tooltip, /- \$\(error\) The base interpreter \/usr\/bin\/python3\.12 is gone\. \(`base-missing`\)/);
    });

    it('names an ambiguous environment by its path in the folder, with the top finding first and the suggested repair', () => {
        const broken = brokenEnv('/work/proj/services/api/.venv', {
            version: '3.13.0',
            findings: [
                { code: 'dangling-link', severity: 'warning', message: 'lib64 points at nothing.', data: {} },
                { code: 'copied', severity: 'error', message: 'A copy of /work/proj/services/web/.venv.', data: {} },
            ],
            suggestions: [{ action: 'make-independent', title: 'Make this copy independent', data: {} }],
        });
        const view = statusView({
            ...running,
            active: active(broken),
            workspaceEnvironments: ['/work/proj/services/api/.venv', '/work/proj/services/web/.venv'],
            folders: [folder],
        });
        assert.strictEqual(view.text, '$(error) services/api/.venv (3.13.0)');
        const findingLines = view.tooltip.split('\n').filter((l) => l.startsWith('- '));
        assert.match(findingLines[0], /A copy of/);
        assert.match(view.tooltip, /Suggested repair: Make this copy independent/);
    });

    it('names who chose the interpreter: the Python Environments extension', () => {
        assert.match(statusView({ ...running, active: { ...active(), source: 'python-environments' } }).tooltip, /Chosen by the Python Environments extension/);
    });

    it('spins while scanning', () => {
        assert.strictEqual(statusView({ ...running, scanning: true, active: active() }).text, '$(sync~spin) .venv (3.12.1)');
        assert.strictEqual(statusView({ ...running, scanning: true, active: { source: 'none', missing: false } }).text, '$(sync~spin) Venv Doctor: scanning…');
    });

    it('says when the saved interpreter does not exist', () => {
        const view = statusView({ ...running, active: { folder, source: 'setting', interpreterPath: '/old/.venv/bin/python', missing: true } });
        assert.strictEqual(view.text, '$(error) .venv (missing)');
        assert.strictEqual(view.background, 'error');
        assert.match(view.tooltip, /does not exist any more/);
        assert.match(view.tooltip, /Chosen by python\.defaultInterpreterPath/);
    });

    it('shows a base interpreter by executable and version', () => {
        const view = statusView({
            ...running,
            active: { folder, source: 'setting', interpreterPath: '/usr/bin/python3.11', base: { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null }, missing: false },
        });
        assert.strictEqual(view.text, '$(pass) python3.11 (3.11.2)');
    });

    it('shows a failed sidecar with its reason and opens the log on click', () => {
        const view = statusView({ ...running, sessionState: SessionState.Failed, sessionFailure: 'not found', active: active() });
        assert.strictEqual(view.text, '$(error) Venv Doctor');
        assert.strictEqual(view.background, 'error');
        assert.strictEqual(view.command, 'venvDoctor.showLog');
        assert.match(view.tooltip, /not found/);
    });

    it('offers to choose when nothing is selected or found', () => {
        const view = statusView({ ...running, active: { source: 'none', missing: false } });
        assert.strictEqual(view.text, '$(python) No interpreter');
        assert.strictEqual(view.command, 'venvDoctor.selectInterpreter');
    });
});

describe('StatusBar', () => {
    afterEach(() => sinon.restore());

    it('creates the item with a stable id and name and maps colours to theme colours', () => {
        const item = { show: sinon.stub(), dispose: sinon.stub() } as unknown as vscode.StatusBarItem & { show: sinon.SinonStub };
        const create = sinon.stub(api, 'createStatusBarItem').returns(item);
        const bar = new StatusBar();
        assert.strictEqual(create.firstCall.args[0], STATUS_ITEM_ID);
        assert.strictEqual(STATUS_ITEM_ID, 'venvDoctor.status');
        assert.strictEqual(item.name, 'Venv Doctor');

        bar.render({ text: '$(error) .venv', tooltip: '**x**', background: 'error', command: 'venvDoctor.selectInterpreter' });
        assert.strictEqual((item.backgroundColor as unknown as { id: string }).id, 'statusBarItem.errorBackground');
        assert.strictEqual((item.tooltip as vscode.MarkdownString).value, '**x**');
        assert.strictEqual(item.command, 'venvDoctor.selectInterpreter');
        assert.ok(item.show.called);

        bar.render({ text: '$(warning) .venv', tooltip: '', background: 'warning', command: 'c' });
        assert.strictEqual((item.backgroundColor as unknown as { id: string }).id, 'statusBarItem.warningBackground');
        bar.render({ text: '$(pass) .venv', tooltip: '', command: 'c' });
        assert.strictEqual(item.backgroundColor, undefined);
    });
});
