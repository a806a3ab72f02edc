import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { CommandIds } from '../../../features/commands';
import { makeRelocatable, relocatableCandidates, repairCandidates } from '../../../features/repair';
import { TreeState, childrenOf, itemView, rootNodes } from '../../../features/views/environmentTreeModel';
import { ViewCommandIds } from '../../../features/views/environmentsView';
import { Environment, Methods, RepairActions, RepairPlan } from '../../../sidecar/protocol';
import { brokenEnv, env, fakeServices, folder } from '../helpers';

const offer = { action: RepairActions.makeRelocatable, title: 'Make it relocatable: activation and console scripts find the environment wherever it is moved', data: {} };
const healthy: Environment = env('/work/app/.venv', { suggestions: [offer] });
const relocated: Environment = env('/work/app/.venv');
const laterScripts: Environment = env('/work/app/other', {
    health: 'warning',
    findings: [{ code: 'script-not-relocatable', severity: 'warning', message: '1 console script installed later by pip …', data: { scripts: 'tool', count: '1' } }],
    suggestions: [{ ...offer, title: 'Make the 1 script(s) pip installed later relative to the environment again' }],
});

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
type MenuEntry = { command: string; when: string; group?: string };

describe('make-relocatable in the extension', () => {
    afterEach(() => sinon.restore());

    it('the view offers "Make Relocatable…" on a healthy venv the sidecar offers it for, and not "Repair…"', () => {
        const s: TreeState = { environments: [healthy, relocated], interpreters: [], folders: [{ name: 'app', fsPath: '/work/app' }], usedBy: () => undefined, lastRepairPath: undefined };
        const [offered, done] = childrenOf(rootNodes(s)[0], s);
        const context = itemView(offered, s).contextValue!;
        assert.match(context, /;relocatable;/);
        assert.doesNotMatch(context, /;repairable;/, 'prevention is not a repair');
        assert.doesNotMatch(itemView(done, s).contextValue!, /;relocatable;/);
        const menus = manifest.contributes.menus['view/item/context'] as MenuEntry[];
        const entry = menus.find((m) => m.command === ViewCommandIds.makeRelocatable);
        assert.ok(entry, 'a context-menu entry');
        assert.ok(new RegExp(/viewItem =~ \/(.+)\/$/.exec(entry.when)![1]).test(context));
        assert.ok(!new RegExp(/viewItem =~ \/(.+)\/$/.exec(entry.when)![1]).test(itemView(done, s).contextValue!));
    });

    it('contributes a palette command and hides the view command (which needs an item) from the palette', () => {
        const commands = (manifest.contributes.commands as { command: string; title: string }[]).map((c) => c.command);
        assert.ok(commands.includes(CommandIds.makeRelocatable));
        assert.ok(commands.includes(ViewCommandIds.makeRelocatable));
        const hidden = (manifest.contributes.menus.commandPalette as MenuEntry[]).filter((m) => m.when === 'false').map((m) => m.command);
        assert.ok(hidden.includes(ViewCommandIds.makeRelocatable));
        assert.ok(!hidden.includes(CommandIds.makeRelocatable));
    });

    it('lists for the palette the environments offered it, and keeps them out of "Repair Environment…" when healthy', () => {
        const broken = brokenEnv('/work/app/broken');
        assert.deepStrictEqual(relocatableCandidates([broken, healthy, relocated, laterScripts]).map((e) => e.path), ['/work/app/other', '/work/app/.venv']);
        assert.deepStrictEqual(repairCandidates([broken, healthy, relocated, laterScripts]).map((e) => e.path), ['/work/app/broken', '/work/app/other']);
    });

    it('the palette command picks an environment, plans make-relocatable, and applies it once confirmed', async () => {
        sinon.stub(api, 'isWorkspaceTrusted').returns(true);
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/app')]);
        sinon.stub(api, 'withProgress').callsFake(async (_options, task) => {
            const source = new vscode.EventEmitter<void>();
            return task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: source.event } as unknown as vscode.CancellationToken);
        });
        const services = fakeServices({ folder: folder('/work/app') });
        services.store.upsert(healthy);
        services.store.upsert(brokenEnv('/work/app/broken'));
        const plan: RepairPlan = {
            path: healthy.path, action: RepairActions.makeRelocatable, title: 'Make /work/app/.venv relocatable', notes: [], left: [],
            edits: [{ file: '/work/app/.venv/bin/activate', operation: 'write', description: 'find VIRTUAL_ENV from the script\'s own place', before: 'VIRTUAL_ENV=/work/app/.venv', after: 'VIRTUAL_ENV = "$(…)"' }],
        };
        services.sidecar.request.withArgs(Methods.planRepair).resolves(plan);
        services.sidecar.request.withArgs(Methods.applyRepair).resolves({ applied: true, path: healthy.path, action: plan.action, journalId: 'j1', diagnosis: relocated });
        const pick = sinon.stub(api, 'showQuickPick').callsFake(async (items) => (items as unknown as unknown[])[0] as never);
        sinon.stub(api, 'showModalWarning').resolves('Apply repair' as never);
        sinon.stub(api, 'showInformationMessage').resolves(undefined);

        assert.strictEqual(await makeRelocatable(services), 'applied');

        const listed = (pick.firstCall.args[0] as unknown as { environment: Environment }[]).map((i) => i.environment.path);
        assert.deepStrictEqual(listed, ['/work/app/.venv'], 'only environments offered make-relocatable are listed');
        assert.strictEqual(services.sidecar.request.withArgs(Methods.planRepair).firstCall.args[1].action, RepairActions.makeRelocatable);
        assert.strictEqual(services.sidecar.request.withArgs(Methods.applyRepair).firstCall.args[1].action, RepairActions.makeRelocatable);
        assert.strictEqual(services.store.get(healthy.path), relocated);
    });
});
