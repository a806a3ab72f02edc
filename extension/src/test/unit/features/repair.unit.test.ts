import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { LAST_REPAIR_KEY, recreateEnvironment, repairCandidates, repairEnvironment, repairOutcomeMessage, repairParams, undoLastRepair } from '../../../features/repair';
import { Environment, Methods, RepairPlan } from '../../../sidecar/protocol';
import { brokenEnv, env, fakeServices, folder } from '../helpers';

const plan: RepairPlan = {
    path: '/work/proj/.venv',
    action: 'relink-base',
    title: 'Relink .venv to Python 3.12.4',
    edits: [
        { file: '/work/proj/.venv/pyvenv.cfg', operation: 'write', description: 'home', before: 'home = /usr/bin', after: 'home = /opt/py/bin' },
        { file: '/work/proj/.venv/bin/python', operation: 'relink', description: 'interpreter link', before: null, after: null },
        { file: '/work/proj/.venv/bin/pip', operation: 'write', description: 'shebang', before: '#!/old/bin/python3\n# -*- coding: utf-8 -*-', after: '#!/new/bin/python3\n# -*- coding: utf-8 -*-' },
    ],
    notes: ['Packages with compiled extensions may need reinstalling.'],
    left: [],
};

/** withProgress that runs the task with a live token, like VS Code's. */
function runProgress() {
    return sinon.stub(api, 'withProgress').callsFake(async (_options, task) => {
        const source = new vscode.EventEmitter<void>();
        const token = { isCancellationRequested: false, onCancellationRequested: source.event } as unknown as vscode.CancellationToken;
        return task({ report: () => undefined }, token);
    });
}

describe('repair commands', () => {
    afterEach(() => sinon.restore());

    describe('in an untrusted workspace', () => {
        it('explain why and never ask the sidecar to change anything', async () => {
            sinon.stub(api, 'isWorkspaceTrusted').returns(false);
            const warn = sinon.stub(api, 'showWarningMessage').resolves(undefined);
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(brokenEnv('/work/proj/.venv'));
            assert.strictEqual(await repairEnvironment(services, '/work/proj/.venv'), 'untrusted');
            assert.strictEqual(await recreateEnvironment(services, '/work/proj/.venv'), 'untrusted');
            assert.strictEqual(await undoLastRepair(services), false);
            assert.ok(services.sidecar.request.notCalled);
            assert.strictEqual(warn.callCount, 3);
            assert.match(warn.firstCall.args[0], /does not repair environments in an untrusted workspace.*Discovery and diagnosis still work/);
        });
    });

    describe('in a trusted workspace', () => {
        beforeEach(() => {
            sinon.stub(api, 'isWorkspaceTrusted').returns(true);
            sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        });

        it('plans, shows the plan, applies with progress and a work-done token, and remembers it for undo', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(brokenEnv('/work/proj/.venv'));
            const repaired = env('/work/proj/.venv');
            services.sidecar.request.withArgs(Methods.planRepair).resolves(plan);
            services.sidecar.request.withArgs(Methods.applyRepair).resolves({ applied: true, path: plan.path, action: plan.action, journalId: 'j1', diagnosis: repaired });
            const modal = sinon.stub(api, 'showModalWarning').resolves('Apply repair' as never);
            const info = sinon.stub(api, 'showInformationMessage').resolves(undefined);
            runProgress();

            const outcome = await repairEnvironment(services, '/work/proj/.venv', 'relink-base');

            assert.strictEqual(outcome, 'applied');
            assert.deepStrictEqual(services.sidecar.request.withArgs(Methods.planRepair).firstCall.args[1], {
                path: '/work/proj/.venv',
                action: 'relink-base',
                base: '/opt/py/bin/python3.12',
                from: undefined,
                source: undefined,
                workspaceFolder: '/work/proj',
                userChosen: false,
            });
            // One line says what will happen; the buttons apply it or show the changes first.
            assert.strictEqual(modal.firstCall.args[0], 'Relink `.venv` to Python 3.12.4: 2 files rewritten, 1 link re-pointed, nothing else touched');
            assert.deepStrictEqual(modal.firstCall.args.slice(2), ['Apply repair', 'Show Changes']);
            const apply = services.sidecar.request.withArgs(Methods.applyRepair).firstCall;
            assert.match(apply.args[1].workDoneToken, /^venvDoctor-/);
            assert.ok(apply.args[2], 'the progress cancellation token is passed on');
            assert.ok(services.sidecar.onProgress.calledWith(apply.args[1].workDoneToken));
            assert.strictEqual(services.store.get('/work/proj/.venv'), repaired);
            assert.deepStrictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), { path: '/work/proj/.venv', action: 'relink-base' });
            assert.deepStrictEqual(info.firstCall.args, ['Repaired `.venv`: it is now ok.', 'Undo']);
        });

        it('offers no undo after a repair that journaled nothing (pip reinstalled the files), and keeps the older undo untouched', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            const broken: Environment = {
                ...brokenEnv('/work/proj/.venv'),
                suggestions: [{ action: 'reinstall-binaries', title: 'Reinstall numpy with this environment\'s pip', data: { distribution: 'numpy' } }],
            };
            services.store.upsert(broken);
            await services.workspaceState.update(LAST_REPAIR_KEY, { path: '/work/proj/.venv', action: 'relocate' });
            services.sidecar.request.withArgs(Methods.planRepair).resolves({ ...plan, action: 'reinstall-binaries' });
            services.sidecar.request
                .withArgs(Methods.applyRepair)
                .resolves({ applied: true, path: plan.path, action: 'reinstall-binaries', journalId: null, diagnosis: env('/work/proj/.venv') });
            sinon.stub(api, 'showModalWarning').resolves('Apply repair' as never);
            const info = sinon.stub(api, 'showInformationMessage').resolves(undefined);
            runProgress();

            const outcome = await repairEnvironment(services, '/work/proj/.venv', 'reinstall-binaries');

            assert.strictEqual(outcome, 'applied');
            assert.deepStrictEqual(info.firstCall.args, ['Repaired `.venv`: it is now ok.']);
            assert.deepStrictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), { path: '/work/proj/.venv', action: 'relocate' });
        });

        it('names every file the repair left as it was, with the reason, beside the health a fresh diagnosis found', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(brokenEnv('/work/proj/.venv'));
            const left = [
                { file: '/work/proj/.venv/bin/activate', reason: 'a symlink to /shared/activate; never written through' },
                { file: '/work/proj/.venv/bin/caf\\xE9', reason: 'its file name is not valid UTF-8' },
            ];
            services.sidecar.request.withArgs(Methods.planRepair).resolves({ ...plan, left });
            services.sidecar.request
                .withArgs(Methods.applyRepair)
                .resolves({ applied: true, path: plan.path, action: plan.action, journalId: 'j2', left, plan: { ...plan, left }, diagnosis: brokenEnv('/work/proj/.venv') });
            sinon.stub(api, 'showModalWarning').resolves('Apply repair' as never);
            const info = sinon.stub(api, 'showInformationMessage').resolves(undefined);
            runProgress();

            assert.strictEqual(await repairEnvironment(services, '/work/proj/.venv', 'relink-base'), 'applied');

            assert.deepStrictEqual(info.firstCall.args, [
                'Repaired `.venv`: it is now broken. Left as it was: bin/activate (a symlink to /shared/activate; never written through); bin/caf\\xE9 (its file name is not valid UTF-8).',
                'Undo',
            ]);
        });

        it('counts the left files beyond the first three, and says nothing of them when there are none', () => {
            const file = (n: number) => ({ file: `/e/bin/tool${n}`, reason: 'a symlink' });
            const result = { applied: true, path: '/e', action: 'relocate', journalId: null, editsApplied: 1, plan, left: [], diagnosis: env('/e'), notReinstalled: [], journals: [] };
            assert.strictEqual(repairOutcomeMessage('e', '/e', result), 'Repaired `e`: it is now ok.');
            assert.strictEqual(
                repairOutcomeMessage('e', '/e', { ...result, left: [1, 2, 3, 4, 5].map(file) }),
                'Repaired `e`: it is now ok. Left as it was: bin/tool1 (a symlink); bin/tool2 (a symlink); bin/tool3 (a symlink); and 2 more.',
            );
        });

        it('applies nothing when the plan is not confirmed', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(brokenEnv('/work/proj/.venv'));
            services.sidecar.request.withArgs(Methods.planRepair).resolves(plan);
            sinon.stub(api, 'showModalWarning').resolves(undefined);
            assert.strictEqual(await repairEnvironment(services, '/work/proj/.venv', 'relink-base'), 'cancelled');
            assert.ok(services.sidecar.request.neverCalledWith(Methods.applyRepair));
        });

        it('asks which repair when there are several, and which environment when none is given', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(env('/work/proj/ok'));
            services.store.upsert(brokenEnv('/work/proj/.venv'));
            const pick = sinon.stub(api, 'showQuickPick');
            pick.onFirstCall().callsFake(async (items) => (items as unknown[])[0] as never);
            pick.onSecondCall().resolves(undefined);
            assert.strictEqual(await repairEnvironment(services), 'cancelled');
            const environments = (pick.firstCall.args[0] as { label: string }[]).map((i) => i.label);
            assert.deepStrictEqual(environments, ['$(error) .venv'], 'only environments with a repair are offered');
            const repairs = (pick.secondCall.args[0] as { label: string }[]).map((i) => i.label);
            assert.deepStrictEqual(repairs, ['Relink to Python 3.12.4', 'Recreate the environment']);
        });

        it('recreate is offered even when the sidecar suggested something milder', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(env('/work/proj/.venv', { health: 'warning', suggestions: [{ action: 'relocate', title: 'Relocate', data: {} }] }));
            services.sidecar.request.withArgs(Methods.planRepair).resolves({ ...plan, action: 'recreate', title: 'Recreate .venv' });
            sinon.stub(api, 'showModalWarning').resolves(undefined);
            await recreateEnvironment(services, '/work/proj/.venv');
            assert.strictEqual(services.sidecar.request.withArgs(Methods.planRepair).firstCall.args[1].action, 'recreate');
        });

        it('recreate asks which Python, the suggested one first, and passes the choice to the plan', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(
                brokenEnv('/work/proj/.venv', {
                    suggestions: [{ action: 'recreate', title: 'Recreate', data: { base: '/py/3.12.4/bin/python3.12', version: '3.12.4' } }],
                }),
            );
            services.store.addMachineScan({
                environments: [],
                settings: [],
                skipped: [],
                interpreters: [
                    { executable: '/py/3.12.4/bin/python3.12', version: '3.12.4', source: 'pyenv', prefix: null },
                    { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null },
                    { executable: '/py/2.7.18/bin/python2.7', version: '2.7.18', source: 'pyenv', prefix: null },
                ],
            });
            services.sidecar.request.withArgs(Methods.planRepair).resolves({ ...plan, action: 'recreate', title: 'Recreate .venv' });
            sinon.stub(api, 'showModalWarning').resolves(undefined);
            const pick = sinon.stub(api, 'showQuickPick').callsFake(async (items) => (items as unknown as { base: string }[])[1] as never);
            await recreateEnvironment(services, '/work/proj/.venv');
            const rows = (pick.firstCall.args[0] as { label: string; description?: string }[]).map((i) => `${i.label} · ${i.description}`);
            assert.deepStrictEqual(rows, ['Python 3.12.4 · suggested', 'Python 3.11.2 · system']);
            assert.strictEqual(services.sidecar.request.withArgs(Methods.planRepair).firstCall.args[1].base, '/usr/bin/python3.11');
        });

        it('recreate lists the other Pythons newest first by number, after the suggested one', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(
                brokenEnv('/work/proj/.venv', {
                    suggestions: [{ action: 'recreate', title: 'Recreate', data: { base: '/py/3.11.9/bin/python', version: '3.11.9' } }],
                }),
            );
            // As the sidecar lists them: by source, then path (so 3.10 before 3.6 before 3.9).
            const versions = ['3.10.13', '3.11.9', '3.12.4', '3.13.0rc1', '3.13.1', '3.6.15', '3.9.18'];
            services.store.addMachineScan({ environments: [], settings: [], skipped: [], interpreters: versions.map((v) => ({ executable: `/py/${v}/bin/python`, version: v, source: 'pyenv', prefix: null })) });
            const pick = sinon.stub(api, 'showQuickPick').resolves(undefined);
            assert.strictEqual(await recreateEnvironment(services, '/work/proj/.venv'), 'cancelled');
            assert.deepStrictEqual(
                (pick.firstCall.args[0] as { label: string }[]).map((i) => i.label),
                ['Python 3.11.9', 'Python 3.13.1', 'Python 3.13.0rc1', 'Python 3.12.4', 'Python 3.10.13', 'Python 3.9.18', 'Python 3.6.15'],
            );
        });

        it('Recreate from the palette offers every venv-like environment, healthy ones too', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(env('/work/proj/.venv'));
            services.store.upsert(env('/opt/conda', { kind: 'conda' }));
            const pick = sinon.stub(api, 'showQuickPick').resolves(undefined);
            assert.strictEqual(await recreateEnvironment(services), 'cancelled');
            assert.deepStrictEqual((pick.firstCall.args[0] as { label: string; detail: string }[]).map((i) => [i.label, i.detail]), [['$(pass) .venv', '/work/proj/.venv']]);
        });

        it('undoes the last repair and forgets it', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            await services.workspaceState.update(LAST_REPAIR_KEY, { path: '/work/proj/.venv', action: 'relocate' });
            const restored = brokenEnv('/work/proj/.venv');
            services.sidecar.request.withArgs(Methods.undoRepair).resolves({ restored: true, diagnosis: restored });
            const info = sinon.stub(api, 'showInformationMessage').resolves(undefined);
            assert.strictEqual(await undoLastRepair(services), true);
            assert.deepStrictEqual(services.sidecar.request.firstCall.args[1], { path: '/work/proj/.venv', userChosen: false });
            assert.strictEqual(services.store.get('/work/proj/.venv'), restored);
            assert.strictEqual(services.workspaceState.get(LAST_REPAIR_KEY, 'gone'), undefined);
            assert.strictEqual(info.firstCall.args[0], 'Undid the last repair of `.venv`.');
            assert.strictEqual(await undoLastRepair(services), false);
            assert.strictEqual(info.secondCall.args[0], 'There is no Venv Doctor repair to undo in this workspace.');
        });

        it('reports a failed apply with the sidecar\'s reason and keeps no undo entry', async () => {
            const services = fakeServices({ folder: folder('/work/proj') });
            services.store.upsert(brokenEnv('/work/proj/.venv'));
            services.sidecar.request.withArgs(Methods.planRepair).resolves(plan);
            services.sidecar.request.withArgs(Methods.applyRepair).rejects(new Error('pyvenv.cfg is read-only'));
            sinon.stub(api, 'showModalWarning').resolves('Apply repair' as never);
            const error = sinon.stub(api, 'showErrorMessage').resolves(undefined);
            runProgress();
            assert.strictEqual(await repairEnvironment(services, '/work/proj/.venv', 'relink-base'), 'failed');
            assert.match(error.firstCall.args[0], /failed: pyvenv\.cfg is read-only/);
            assert.strictEqual(services.workspaceState.get(LAST_REPAIR_KEY, undefined), undefined);
        });
    });

    it("passes the suggestion's evidence, and userChosen only for an environment outside the workspace", () => {
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        const relocate = { action: 'relocate', title: 'Relocate', data: { from: '/work/old/.venv', to: '/work/proj/.venv' } };
        assert.deepStrictEqual(repairParams('/work/proj/.venv', relocate), {
            path: '/work/proj/.venv',
            action: 'relocate',
            base: undefined,
            from: '/work/old/.venv',
            source: undefined,
            workspaceFolder: '/work/proj',
            userChosen: false,
        });
        const outside = repairParams('/home/u/.virtualenvs/tools', relocate);
        assert.strictEqual(outside.userChosen, true);
        assert.strictEqual(outside.workspaceFolder, undefined);
    });

    it('lists broken candidates before warnings', () => {
        const warning = env('/a/w', { health: 'warning', suggestions: [{ action: 'relocate', title: 'r', data: {} }] });
        const broken = brokenEnv('/z/b');
        assert.deepStrictEqual(repairCandidates([warning, env('/ok'), broken]).map((e) => e.path), ['/z/b', '/a/w']);
    });

    it('lists candidates of the same health newest Python first, by number', () => {
        const candidates = ['3.6.15', '3.10.13', '3.9.18'].map((version) => brokenEnv(`/envs/py${version}`, { version }));
        assert.deepStrictEqual(repairCandidates(candidates).map((e) => e.version), ['3.10.13', '3.9.18', '3.6.15']);
    });
});
