import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../../common/vscodeApi';
import { BaseRemovedNotifier, relinkTarget, removedBaseOf } from '../../../../features/fleet/baseRemoved';
import { showDependents } from '../../../../features/fleet/dependents';
import { LAST_REPAIR_KEY } from '../../../../features/repair';
import { Environment, Methods } from '../../../../sidecar/protocol';
import { env, fakeServices, folder } from '../../helpers';

const removedPrefix = '/home/me/.pyenv/versions/3.12.1';

/** An environment as the watch reports it once its base is gone: broken, base-missing, a same-minor relink suggested. */
function lostBase(envPath: string, relinkTo: string | null = '/home/me/.pyenv/versions/3.12.4/bin/python3.12'): Environment {
    return env(envPath, {
        health: 'broken',
        home: `${removedPrefix}/bin`,
        findings: [{ code: 'base-missing', severity: 'error', message: 'The base is gone.', data: { file: `${envPath}/bin/python`, home: `${removedPrefix}/bin`, prefix: removedPrefix, version: '3.12' } }],
        suggestions: [
            ...(relinkTo ? [{ action: 'relink-base', title: 'Relink to Python 3.12.4', data: { base: relinkTo, version: '3.12.4' } }] : []),
            { action: 'recreate', title: 'Recreate', data: {} },
        ],
    });
}

/** withProgress with a token the test may cancel, recording what was reported. */
function progress() {
    const reports: string[] = [];
    const token = { isCancellationRequested: false, onCancellationRequested: new vscode.EventEmitter<void>().event } as { isCancellationRequested: boolean } & vscode.CancellationToken;
    sinon.stub(api, 'withProgress').callsFake(async (_options, task) =>
        task({ report: (value: { message?: string }) => reports.push(value.message ?? '') } as vscode.Progress<{ message?: string; increment?: number }>, token),
    );
    return { reports, token };
}

describe('a base removed while open (features/fleet)', () => {
    beforeEach(() => {
        sinon.stub(api, 'isWorkspaceTrusted').returns(true);
        sinon.stub(api, 'workspaceFolders').returns([folder('/work')]);
    });
    afterEach(() => sinon.restore());

    it('reads the removed base from the base-missing finding, and relinks to the sidecar’s same-minor suggestion', () => {
        const lost = lostBase('/work/api/.venv');
        assert.deepStrictEqual(removedBaseOf(lost), { prefix: removedPrefix, minor: '3.12' });
        assert.strictEqual(removedBaseOf(env('/work/ok/.venv')), undefined);
        assert.deepStrictEqual(relinkTarget([lost], removedBaseOf(lost)!, []), { base: '/home/me/.pyenv/versions/3.12.4/bin/python3.12', version: '3.12.4' });
        // No suggestion: the inventory's same minor, never the removed install itself.
        const inventory = [
            { executable: `${removedPrefix}/bin/python3.12`, version: '3.12.1', source: 'pyenv', prefix: removedPrefix },
            { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: '/usr' },
            { executable: '/usr/bin/python3.12', version: '3.12.3', source: 'system', prefix: '/usr' },
        ];
        assert.deepStrictEqual(relinkTarget([lostBase('/work/api/.venv', null)], { prefix: removedPrefix, minor: '3.12' }, inventory), { base: '/usr/bin/python3.12', version: '3.12.3' });
        assert.strictEqual(relinkTarget([lostBase('/work/api/.venv', null)], { prefix: removedPrefix, minor: '3.10' }, inventory), undefined);
    });

    it('gathers the burst into one notification naming every environment, and "Relink all" repairs each with its own request', async () => {
        const services = fakeServices({ folder: folder('/work') });
        const notifier = new BaseRemovedNotifier(services, 60_000);
        const paths = ['/work/web/.venv', '/work/api/.venv', '/work/jobs/.venv'];
        for (const p of paths) services.store.upsert(env(p));
        const error = sinon.stub(api, 'showErrorMessage').resolves('Relink all to Python 3.12.4' as never);
        const info = sinon.stub(api, 'showInformationMessage').resolves(undefined);
        const { reports } = progress();
        services.sidecar.request.withArgs(Methods.applyRepair).callsFake(async (_type, params: { path: string }) => ({ applied: true, path: params.path, journalId: 'j', diagnosis: env(params.path) }));

        for (const p of paths) {
            const before = services.store.get(p);
            const after = lostBase(p);
            services.store.upsert(after);
            notifier.onChanged(before, after);
        }
        // A second change of an environment already known to have lost its base is not announced again.
        notifier.onChanged(lostBase(paths[0]), lostBase(paths[0]));
        await notifier.flush();

        assert.strictEqual(error.callCount, 1);
        assert.match(error.firstCall.args[0], /Python 3\.12 at `\/home\/me\/\.pyenv\/versions\/3\.12\.1` was removed: 3 environments built on it are broken: `api\/\.venv`, `jobs\/\.venv`, `web\/\.venv`\./);
        assert.deepStrictEqual(error.firstCall.args.slice(1), ['Relink all to Python 3.12.4', 'Recreate…']);
        const applied = services.sidecar.request.withArgs(Methods.applyRepair).getCalls().map((c) => c.args[1]);
        assert.deepStrictEqual(applied.map((p) => [p.path, p.action, p.base]), [
            ['/work/api/.venv', 'relink-base', '/home/me/.pyenv/versions/3.12.4/bin/python3.12'],
            ['/work/jobs/.venv', 'relink-base', '/home/me/.pyenv/versions/3.12.4/bin/python3.12'],
            ['/work/web/.venv', 'relink-base', '/home/me/.pyenv/versions/3.12.4/bin/python3.12'],
        ]);
        assert.deepStrictEqual(reports, ['api/.venv (1/3)', 'jobs/.venv (2/3)', 'web/.venv (3/3)']);
        assert.ok(paths.every((p) => services.store.get(p)?.health === 'ok'), 'the store (and so the view) has each fresh diagnosis');
        assert.match(info.firstCall.args[0], /repaired 3 of 3 environments/);
        assert.deepStrictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), { path: '/work/web/.venv', action: 'relink-base' });
    });

    it('reports which succeeded and which failed and why; a failure does not stop the others', async () => {
        const services = fakeServices({ folder: folder('/work') });
        sinon.stub(api, 'showErrorMessage').resolves('Relink all to Python 3.12.4' as never);
        const warn = sinon.stub(api, 'showWarningMessage').resolves(undefined);
        progress();
        services.sidecar.request.withArgs(Methods.applyRepair).callsFake(async (_type, params: { path: string }) => {
            if (params.path.includes('api')) throw new Error('Another repair or undo of /work/api/.venv is in progress');
            return { applied: true, path: params.path, journalId: 'j', diagnosis: env(params.path) };
        });

        const results = await new BaseRemovedNotifier(services).announce({ prefix: removedPrefix, minor: '3.12' }, [lostBase('/work/api/.venv'), lostBase('/work/web/.venv')]);

        assert.deepStrictEqual(results?.map((r) => r.outcome), ['failed', 'repaired']);
        assert.match(warn.firstCall.args[0], /repaired 1 of 2 environments: `web\/\.venv`\. Not repaired: `api\/\.venv` failed \(Another repair or undo of \/work\/api\/\.venv is in progress\)\./);
    });

    it('cancel stops before the next environment; the rest are reported as not attempted', async () => {
        const services = fakeServices({ folder: folder('/work') });
        sinon.stub(api, 'showErrorMessage').resolves('Relink all to Python 3.12.4' as never);
        sinon.stub(api, 'showWarningMessage').resolves(undefined);
        const { token } = progress();
        services.sidecar.request.withArgs(Methods.applyRepair).callsFake(async (_type, params: { path: string }) => {
            token.isCancellationRequested = true; // the user presses Cancel while the first environment is being repaired
            return { applied: true, path: params.path, journalId: 'j', diagnosis: env(params.path) };
        });

        const results = await new BaseRemovedNotifier(services).announce({ prefix: removedPrefix, minor: '3.12' }, ['/work/a', '/work/b', '/work/c'].map((p) => lostBase(p)));

        assert.deepStrictEqual(results?.map((r) => [r.outcome, r.reason]), [['repaired', undefined], ['cancelled', 'not attempted'], ['cancelled', 'not attempted']]);
        assert.strictEqual(services.sidecar.request.withArgs(Methods.applyRepair).callCount, 1);
    });

    it('"Recreate…" asks for one base (same minor first, never the removed one) and recreates each', async () => {
        const services = fakeServices({ folder: folder('/work') });
        services.store.applyScan({ environments: [], settings: [], skipped: [], interpreters: [
            { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: '/usr' },
            { executable: '/usr/bin/python3.12', version: '3.12.3', source: 'system', prefix: '/usr' },
            { executable: `${removedPrefix}/bin/python3.12`, version: '3.12.1', source: 'pyenv', prefix: removedPrefix },
        ] }, ['/work']);
        sinon.stub(api, 'showErrorMessage').resolves('Recreate…' as never);
        sinon.stub(api, 'showInformationMessage').resolves(undefined);
        const pick = sinon.stub(api, 'showQuickPick').callsFake(async (items) => items[0]);
        progress();
        services.sidecar.request.withArgs(Methods.applyRepair).callsFake(async (_type, params: { path: string }) => ({ applied: true, path: params.path, journalId: 'j', diagnosis: env(params.path) }));

        await new BaseRemovedNotifier(services).announce({ prefix: removedPrefix, minor: '3.12' }, [lostBase('/work/a', null), lostBase('/work/b', null)]);

        const offered = (pick.firstCall.args[0] as unknown as { base: string }[]).map((i) => i.base);
        assert.deepStrictEqual(offered, ['/usr/bin/python3.12', '/usr/bin/python3.11']);
        assert.deepStrictEqual(services.sidecar.request.withArgs(Methods.applyRepair).getCalls().map((c) => [c.args[1].path, c.args[1].action, c.args[1].base]), [
            ['/work/a', 'recreate', '/usr/bin/python3.12'],
            ['/work/b', 'recreate', '/usr/bin/python3.12'],
        ]);
    });

    it('escapes control characters of every name in what VS Code is handed', async () => {
        const services = fakeServices({ folder: folder('/work') });
        const shown = sinon.stub().resolves(undefined);
        (vscode.window as { showErrorMessage?: unknown }).showErrorMessage = shown;
        try {
            await new BaseRemovedNotifier(services).announce({ prefix: removedPrefix, minor: '3.12' }, [lostBase('/work/evil\u001b[2J\u202e/.venv'), lostBase('/work/b/.venv')]);
        } finally {
            delete (vscode.window as { showErrorMessage?: unknown }).showErrorMessage;
        }
        const message = String(shown.firstCall.args[0]);
        assert.ok(!/[\u0000-\u001f\u202e]/.test(message), message);
        assert.match(message, /`b\/\.venv`, `evil\\x1b\[2J\\u202e\/\.venv`\./);
    });
});

describe('Show Environments Built on This Python', () => {
    afterEach(() => sinon.restore());

    it('asks the sidecar (venv/dependents) for the base of a view node and lists what it answers', async () => {
        const services = fakeServices();
        const base = { given: '/usr/bin/python3.12', prefix: '/usr', realPrefix: '/usr', version: '3.12.3', minor: '3.12' };
        services.sidecar.request.withArgs(Methods.dependents).resolves({ base, environments: [env('/work/a/.venv'), env('/work/b/.venv', { health: 'broken' })] });
        const pick = sinon.stub(api, 'showQuickPick').resolves(undefined);

        const result = await showDependents(services, { kind: 'base', interpreter: { executable: '/usr/bin/python3.12', version: '3.12.3', source: 'system', prefix: '/usr' } });

        assert.deepStrictEqual(services.sidecar.request.withArgs(Methods.dependents).firstCall.args[1], { python: '/usr/bin/python3.12' });
        assert.strictEqual(result?.environments.length, 2);
        assert.deepStrictEqual((pick.firstCall.args[0] as unknown as { label: string }[]).map((i) => i.label), ['/work/b/.venv', '/work/a/.venv']);
        assert.match(String(pick.firstCall.args[1].title), /2 environments built on Python 3\.12\.3 \(\/usr\)/);
    });

    it('from the palette, picks a base first; none built on it says so', async () => {
        const services = fakeServices();
        services.sidecar.request.withArgs(Methods.interpreters).resolves({ interpreters: [{ executable: '/usr/bin/python3.12', version: '3.12.3', source: 'system', prefix: '/usr' }] });
        services.sidecar.request.withArgs(Methods.dependents).resolves({ base: { given: '/usr/bin/python3.12', prefix: '/usr', realPrefix: '/usr', version: '3.12.3', minor: '3.12' }, environments: [] });
        sinon.stub(api, 'showQuickPick').callsFake(async (items) => items[0]);
        const info = sinon.stub(api, 'showInformationMessage').resolves(undefined);

        await showDependents(services);

        assert.deepStrictEqual(services.sidecar.request.withArgs(Methods.dependents).firstCall.args[1], { python: '/usr/bin/python3.12' });
        assert.strictEqual(info.firstCall.args[0], 'No environment is built on Python 3.12.3 (/usr).');
    });
});
