import * as assert from 'assert';
import * as sinon from 'sinon';
import * as api from '../../../common/vscodeApi';
import { DISMISSED_KEY, Notifier } from '../../../features/notifications';
import * as picker from '../../../features/interpreterPicker';
import * as repair from '../../../features/repair';
import { ActiveInterpreter } from '../../../features/activeInterpreter';
import { brokenEnv, env, fakeConfiguration, fakePythonApi, fakeServices, folder } from '../helpers';

describe('Notifier', () => {
    afterEach(() => sinon.restore());
    const moved = { from: '/work/old/.venv', to: '/work/proj/.venv', diagnosis: env('/work/proj/.venv', { health: 'broken', suggestions: [{ action: 'relocate', title: 'Repair in place' }] }) };

    it('announces a move with the exact text and buttons', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const warn = sinon.stub(api, 'showWarningMessage').resolves('Details' as never);
        sinon.stub(api, 'showMarkdownDocument').resolves();
        await new Notifier(services).onMoved(moved);
        assert.deepStrictEqual(warn.firstCall.args, [
            'The virtual environment `.venv` moved from `/work/old/.venv` to `/work/proj/.venv`.',
            'Repair in place',
            'Use as interpreter',
            'Details',
        ]);
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
        const services = fakeServices({ folder: folder('/work/proj'), python: fakePythonApi() });
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
        await notifier.onActiveInterpreter({ source: 'setting', environment: brokenEnv('/work/proj/.venv'), missing: false });
        assert.ok(warn.notCalled && error.notCalled);
    });

    it('"Use as interpreter" re-points the folder the environment moved into', async () => {
        const python = fakePythonApi();
        const services = fakeServices({ folder: folder('/work/other'), python });
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/other'), folder('/work/proj')]);
        sinon.stub(api, 'showWarningMessage').resolves('Use as interpreter' as never);
        await new Notifier(services).onMoved(moved);
        assert.deepStrictEqual(python.updateActivePath.firstCall.args, ['/work/proj/.venv/bin/python', folder('/work/proj').uri]);
        assert.ok(services.refreshStatus.called);
    });

    it('"Repair in place" runs the relocate repair', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        sinon.stub(api, 'showWarningMessage').resolves('Repair in place' as never);
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        await new Notifier(services).onMoved(moved);
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/.venv', 'relocate']);
    });

    it('tells when the selected interpreter broke, offering relink to the found version, recreate, or another', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const error = sinon.stub(api, 'showErrorMessage').resolves('Relink to Python 3.12.4' as never);
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        const active: ActiveInterpreter = { source: 'python-extension', environment: brokenEnv('/work/proj/.venv'), missing: false };
        await new Notifier(services).onActiveInterpreter(active);
        assert.deepStrictEqual(error.firstCall.args, [
            'The selected interpreter `.venv` is broken: The base interpreter /usr/bin/python3.12 is gone.',
            'Relink to Python 3.12.4',
            'Recreate',
            'Choose another',
        ]);
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/.venv', 'relink-base']);

        error.resolves('Choose another' as never);
        const select = sinon.stub(picker, 'selectInterpreter').resolves();
        const other = brokenEnv('/work/proj/venv2');
        await new Notifier(services).onActiveInterpreter({ ...active, environment: other });
        assert.ok(select.calledOnce);
    });

    it('stays quiet about healthy interpreters and about findings that do not break it', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        const error = sinon.stub(api, 'showErrorMessage');
        const notifier = new Notifier(services);
        await notifier.onActiveInterpreter({ source: 'setting', environment: env('/work/proj/.venv'), missing: false });
        await notifier.onActiveInterpreter({
            source: 'setting',
            environment: env('/work/proj/.venv', { health: 'broken', findings: [{ code: 'copied', severity: 'error', message: 'copy' }] }),
            missing: false,
        });
        assert.ok(error.notCalled);
    });

    it('offers to re-point a saved interpreter path that no longer exists', async () => {
        const python = fakePythonApi();
        const services = fakeServices({ folder: folder('/work/proj'), python });
        services.store.upsert(env('/work/proj/.venv'));
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        const warn = sinon.stub(api, 'showWarningMessage').resolves('Re-point' as never);
        const configuration = fakeConfiguration();
        sinon.stub(api, 'getConfiguration').returns(configuration as never);
        const setting = {
            file: '/work/proj/.vscode/settings.json',
            key: 'python.defaultInterpreterPath',
            value: '/work/old/.venv/bin/python',
            resolves: false,
            suggestion: '/work/proj/.venv/bin/python',
        };
        await new Notifier(services).onSettings([setting, { ...setting, resolves: true }, { ...setting, suggestion: null, value: 'x' }]);
        assert.deepStrictEqual(warn.firstCall.args, [
            'The saved interpreter `/work/old/.venv/bin/python` no longer exists. The environment that was there is now at `/work/proj/.venv`.',
            'Re-point',
        ]);
        assert.strictEqual(warn.callCount, 1);
        assert.strictEqual(python.updateActivePath.firstCall.args[0], '/work/proj/.venv/bin/python');
        assert.deepStrictEqual(configuration.update.firstCall.args.slice(0, 2), ['defaultInterpreterPath', '/work/proj/.venv/bin/python']);
    });
});
