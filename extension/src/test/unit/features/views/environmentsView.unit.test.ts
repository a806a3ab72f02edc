import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import { Emitter } from '../../../../common/emitter';
import * as api from '../../../../common/vscodeApi';
import { LAST_REPAIR_KEY } from '../../../../features/repair';
import { EnvironmentsView, VIEW_ID, ViewCommandIds, treeState } from '../../../../features/views/environmentsView';
import { EnvironmentNode } from '../../../../features/views/environmentTreeModel';
import { Methods } from '../../../../sidecar/protocol';
import { SessionState } from '../../../../sidecar/sidecarSession';
import { brokenEnv, env, fakeServices, folder } from '../../helpers';

describe('Environments view wiring', () => {
    let commands: Map<string, (...args: unknown[]) => unknown>;
    let contexts: Map<string, unknown>;
    let progress: { options: vscode.ProgressOptions; done: Promise<unknown> }[];
    let session: { state: SessionState; changed: Emitter<unknown>; onDidChangeState: Emitter<unknown>['event'] };
    let services: ReturnType<typeof fakeServices>;
    let writeSetting: sinon.SinonStub;
    let view: EnvironmentsView;

    beforeEach(() => {
        commands = new Map();
        contexts = new Map();
        progress = [];
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/app', 'app')]);
        sinon.stub(api, 'createTreeView').returns({
            visible: false,
            onDidExpandElement: () => ({ dispose: () => undefined }),
            onDidCollapseElement: () => ({ dispose: () => undefined }),
            onDidChangeVisibility: () => ({ dispose: () => undefined }),
            dispose: () => undefined,
        } as unknown as vscode.TreeView<unknown>);
        sinon.stub(api, 'registerCommand').callsFake((id, handler) => {
            commands.set(id, handler);
            return { dispose: () => commands.delete(id) } as vscode.Disposable;
        });
        sinon.stub(api, 'executeCommand').callsFake(async (id: string, ...args: unknown[]) => {
            if (id === 'setContext') {
                contexts.set(args[0] as string, args[1]);
            }
            return undefined as never;
        });
        sinon.stub(api, 'withProgress').callsFake((options, task) => {
            const done = Promise.resolve(task({ report: () => undefined }, {} as vscode.CancellationToken));
            progress.push({ options, done });
            return done;
        });
        const changed = new Emitter<unknown>();
        session = { state: SessionState.Starting, changed, onDidChangeState: changed.event };
        writeSetting = sinon.stub().resolves();
        services = fakeServices({ folder: folder('/work/app', 'app'), writeSetting });
        view = new EnvironmentsView(services, { session, usedBy: () => undefined });
    });

    afterEach(() => {
        view.dispose();
        sinon.restore();
    });

    it('sets the welcome content keys: sidecar state, and whether the workspace has an environment', () => {
        assert.strictEqual(contexts.get('venvDoctor.sidecarState'), 'Starting');
        assert.strictEqual(contexts.get('venvDoctor.workspace'), 'scanning', 'nothing is "not found" before a scan ended');
        session.state = SessionState.Failed;
        session.changed.fire(undefined);
        assert.strictEqual(contexts.get('venvDoctor.sidecarState'), 'Failed');
        services.store.beginScan();
        assert.strictEqual(contexts.get('venvDoctor.workspace'), 'scanning');
        services.store.endScan();
        assert.strictEqual(contexts.get('venvDoctor.workspace'), 'empty');
        services.store.upsert(env('/work/app/.venv'));
        assert.strictEqual(contexts.get('venvDoctor.workspace'), 'found');
    });

    it('shows progress in the view while a scan runs, ending with the scan', async () => {
        services.store.beginScan();
        services.store.beginScan(); // overlapping scans: one progress
        assert.strictEqual(progress.length, 1);
        assert.deepStrictEqual(progress[0].options.location, { viewId: VIEW_ID });
        services.store.endScan();
        let ended = false;
        void progress[0].done.then(() => (ended = true));
        await Promise.resolve();
        assert.strictEqual(ended, false, 'still scanning');
        services.store.endScan();
        await progress[0].done;
    });

    it("an item's Repair… plans its top suggestion; a suggestion item plans that one", async () => {
        sinon.stub(api, 'isWorkspaceTrusted').returns(true);
        sinon.stub(api, 'showModalWarning').resolves(undefined); // cancel at the confirmation
        const broken = brokenEnv('/work/app/.venv');
        services.store.upsert(broken);
        services.sidecar.request.withArgs(Methods.planRepair).resolves({ path: broken.path, action: 'relink-base', title: 't', edits: [] });
        const node: EnvironmentNode = { kind: 'environment', id: `env:${broken.path}`, environment: broken, folder: { name: 'app', fsPath: '/work/app' } };
        await commands.get(ViewCommandIds.repair)!(node);
        assert.strictEqual(services.sidecar.request.withArgs(Methods.planRepair).lastCall.args[1].action, 'relink-base');
        await commands.get(ViewCommandIds.applySuggestion)!({ kind: 'suggestion', id: 's', environment: broken, suggestion: broken.suggestions![1] });
        assert.strictEqual(services.sidecar.request.withArgs(Methods.planRepair).lastCall.args[1].action, 'recreate');
        // Called without an item (e.g. by a keybinding), the item commands do nothing.
        await commands.get(ViewCommandIds.repair)!(undefined);
        assert.strictEqual(services.sidecar.request.withArgs(Methods.planRepair).callCount, 2);
    });

    it('reveals workspace environments in the Explorer and others in the file manager; copies the interpreter path', async () => {
        const revealed: [string, string][] = [];
        (api.executeCommand as sinon.SinonStub).callsFake(async (id: string, uri?: vscode.Uri) => {
            revealed.push([id, uri?.fsPath ?? '']);
            return undefined as never;
        });
        const clipboard = sinon.stub(api, 'writeClipboard').resolves();
        const inside: EnvironmentNode = { kind: 'environment', id: 'a', environment: env('/work/app/.venv') };
        const outside: EnvironmentNode = { kind: 'environment', id: 'b', environment: env('/home/u/.virtualenvs/t') };
        await commands.get(ViewCommandIds.reveal)!(inside);
        await commands.get(ViewCommandIds.reveal)!(outside);
        assert.deepStrictEqual(revealed, [
            ['revealInExplorer', '/work/app/.venv'],
            ['revealFileInOS', '/home/u/.virtualenvs/t'],
        ]);
        await commands.get(ViewCommandIds.copyInterpreterPath)!(inside);
        assert.deepStrictEqual(clipboard.firstCall.args, ['/work/app/.venv/bin/python']);
    });

    it('Use as Interpreter sets the interpreter of the item\'s folder and redraws the status', async () => {
        const node: EnvironmentNode = { kind: 'environment', id: 'a', environment: env('/work/app/.venv'), folder: { name: 'app', fsPath: '/work/app' } };
        await commands.get(ViewCommandIds.useAsInterpreter)!(node);
        // The settings backend hands the folder's settings file to the sidecar's writer.
        assert.deepStrictEqual(writeSetting.firstCall.args, ['/work/app/.vscode/settings.json', '/work/app/.venv/bin/python']);
        assert.ok(services.refreshStatus.calledOnce);
    });

    it('draws from the store, the workspace folders and the last repair (what Undo is offered on)', async () => {
        services.store.upsert(env('/work/app/.venv'));
        await services.workspaceState.update(LAST_REPAIR_KEY, { path: '/work/app/.venv', action: 'relocate' });
        const state = treeState(services, () => undefined);
        assert.deepStrictEqual(state.folders, [{ name: 'app', fsPath: '/work/app' }]);
        assert.deepStrictEqual(state.environments.map((e) => e.path), ['/work/app/.venv']);
        assert.strictEqual(state.lastRepairPath, '/work/app/.venv');
    });
});
