import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { buildPickerItems, handlePick, interpreterIn, selectInterpreter } from '../../../features/interpreterPicker';
import * as repair from '../../../features/repair';
import { forgetMachineScan } from '../../../features/scan';
import { brokenEnv, env, fakeServices, folder, pythonExtensionChoice } from '../helpers';

describe('interpreter picker', () => {
    beforeEach(() => forgetMachineScan());
    afterEach(() => sinon.restore());
    const proj = { name: 'proj', fsPath: '/work/proj' };
    const lib = { name: 'lib', fsPath: '/work/lib' };
    const here = env('/work/proj/.venv');
    const hereBroken = brokenEnv('/work/proj/old-env');
    const inLib = env('/work/lib/venv', { version: '3.11.7', kind: 'virtualenv' });
    const onMachine = env('/home/u/.virtualenvs/tools', { version: '3.10.13' });
    const known = {
        environments: [onMachine, hereBroken, inLib, here],
        interpreters: [{ executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null }, { executable: here.interpreter!, version: '', source: 'system', prefix: null }],
        settings: [],
    };

    it('groups environments as this folder, workspace, machine, then base interpreters and the extra entries', () => {
        const items = buildPickerItems(known, proj, [proj, lib], here.interpreter!);
        const labels = items.map((i) => (i.kind === vscode.QuickPickItemKind.Separator ? `--${i.label}` : i.label));
        assert.deepStrictEqual(labels, [
            '--This folder',
            '$(pass) .venv',
            '$(error) old-env',
            '--Workspace',
            '$(pass) venv',
            '--Machine',
            '$(pass) tools',
            '--Base interpreters',
            '$(symbol-misc) Python 3.11.2',
            '--',
            '$(folder-opened) Enter interpreter path…',
            '$(refresh) Rescan',
        ]);
    });

    it('describes each environment: version, kind, current, relative path, top finding, repair button', () => {
        const items = buildPickerItems(known, proj, [proj, lib], here.interpreter!);
        const current = items.find((i) => i.label === '$(pass) .venv')!;
        assert.strictEqual(current.description, '3.12.1 · venv · current');
        assert.strictEqual(current.detail, '.venv');
        assert.strictEqual(current.buttons, undefined);
        const broken = items.find((i) => i.label === '$(error) old-env')!;
        assert.strictEqual(broken.detail, 'old-env — The base interpreter /usr/bin/python3.12 is gone.');
        assert.strictEqual(broken.buttons?.length, 1);
        assert.strictEqual(broken.buttons?.[0].tooltip, 'Repair…');
        const workspace = items.find((i) => i.label === '$(pass) venv')!;
        assert.strictEqual(workspace.description, '3.11.7 · virtualenv');
        assert.strictEqual(workspace.detail, 'venv');
    });

    it('orders environments and base interpreters by version number, newest first, not as text', () => {
        // pyenv's own versions are environments too (kind pyenv); as text their paths sort 3.10, 3.12, 3.13, 3.6, 3.9.
        const pyenv = ['3.6.15', '3.9.18', '3.10.13', '3.12.4', '3.13.1'].map((v) => env(`/home/u/.pyenv/versions/${v}`, { version: v, kind: 'pyenv' }));
        const unknown = env('/home/u/.pyenv/versions/custom', { version: null, kind: 'pyenv' });
        const broken = brokenEnv('/home/u/.pyenv/versions/3.13.0', { version: '3.13.0', kind: 'pyenv' });
        // Base interpreters in the order the sidecar lists them: by source, then executable path.
        const interpreters = [
            { executable: '/opt/pyenv/3.10.13/bin/python3.10', version: '3.10.13', source: 'pyenv', prefix: null },
            { executable: '/opt/pyenv/3.12.4/bin/python3.12', version: '3.12.4', source: 'pyenv', prefix: null },
            { executable: '/opt/pyenv/3.13.0rc1/bin/python3.13', version: '3.13.0rc1', source: 'pyenv', prefix: null },
            { executable: '/opt/pyenv/3.13t/bin/python3.13t', version: '3.13t', source: 'pyenv', prefix: null },
            { executable: '/opt/pyenv/3.6.15/bin/python3.6', version: '3.6.15', source: 'pyenv', prefix: null },
            { executable: '/opt/pyenv/3.9.18/bin/python3.9', version: '3.9.18', source: 'pyenv', prefix: null },
            { executable: '/usr/bin/python3', source: 'system', version: '', prefix: null },
            { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: null },
        ];
        const items = buildPickerItems({ environments: [broken, unknown, ...pyenv], interpreters, settings: [] }, proj, [proj, lib]);
        const labels = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label);
        assert.deepStrictEqual(labels, [
            '$(pass) 3.13.1',
            '$(pass) 3.12.4',
            '$(pass) 3.10.13',
            '$(pass) 3.9.18',
            '$(pass) 3.6.15',
            '$(pass) custom',
            '$(error) 3.13.0',
            '$(symbol-misc) Python 3.13t',
            '$(symbol-misc) Python 3.13.0rc1',
            '$(symbol-misc) Python 3.12.4',
            '$(symbol-misc) Python 3.10.13',
            '$(symbol-misc) Python 3.9.18',
            '$(symbol-misc) Python 3.6.15',
            '$(symbol-misc) Python 3.11.2',
            '$(symbol-misc) usr',
            '$(folder-opened) Enter interpreter path…',
            '$(refresh) Rescan',
        ]);
    });

    it('puts everything in Workspace when no folder is active', () => {
        const items = buildPickerItems({ ...known, interpreters: [] }, undefined, [proj, lib]);
        assert.deepStrictEqual(items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label), ['Workspace', 'Machine', '']);
    });

    it('takes an entered environment folder as its interpreter', () => {
        assert.strictEqual(interpreterIn('/srv/env', (f) => f === '/srv/env/bin/python'), '/srv/env/bin/python');
        assert.strictEqual(interpreterIn('/usr/bin/python3.11', () => false), '/usr/bin/python3.11');
    });

    it('re-points to a healthy pick at once and redraws the status', async () => {
        const { interpreters, python } = pythonExtensionChoice();
        const services = fakeServices({ folder: folder('/work/proj'), interpreters });
        await handlePick(services, { type: 'environment', environment: here }, folder('/work/proj'));
        assert.deepStrictEqual(python.calls, ['updateActiveEnvironmentPath /work/proj/.venv/bin/python']);
        assert.ok(services.refreshStatus.calledOnce);
    });

    it('offers the repairs of a broken pick, or using it anyway', async () => {
        const { interpreters, python } = pythonExtensionChoice();
        const services = fakeServices({ folder: folder('/work/proj'), interpreters });
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        const quickPick = sinon.stub(api, 'showQuickPick');
        quickPick.callsFake(async (items) => (items as { action?: string }[]).find((i) => i.action === 'relink-base') as never);
        await handlePick(services, { type: 'environment', environment: hereBroken }, folder('/work/proj'));
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/old-env', 'relink-base']);
        const labels = (quickPick.firstCall.args[0] as { label: string }[]).map((i) => i.label);
        assert.deepStrictEqual(labels, ['$(tools) Relink to Python 3.12.4', '$(tools) Recreate the environment', 'Use it anyway']);
        assert.deepStrictEqual(python.calls, []);

        quickPick.callsFake(async (items) => (items as { label: string }[]).find((i) => i.label === 'Use it anyway') as never);
        await handlePick(services, { type: 'environment', environment: hereBroken }, folder('/work/proj'));
        assert.deepStrictEqual(python.calls, ['updateActiveEnvironmentPath /work/proj/old-env/bin/python']);
    });

    it('updates the open picker when the machine scan brings more environments', async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.store.upsert(here);
        let finishMachineScan: (value: unknown) => void = () => undefined;
        services.sidecar.request.returns(new Promise((resolve) => (finishMachineScan = resolve)));
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        const seen: string[][] = [];
        sinon.stub(api, 'createQuickPick').callsFake(
            () =>
                fakeQuickPick((qp) => {
                    seen.push([String(qp.busy), ...qp.items.map((i) => i.label)]);
                    finishMachineScan({ environments: [onMachine], interpreters: [] });
                    setImmediate(() => {
                        seen.push([String(qp.busy), ...qp.items.map((i) => i.label)]);
                        qp.hide();
                    });
                }) as never,
        );
        await selectInterpreter(services);
        assert.deepStrictEqual(seen[0].slice(0, 3), ['true', 'This folder', '$(pass) .venv']);
        assert.deepStrictEqual(seen[1].slice(0, 5), ['false', 'This folder', '$(pass) .venv', 'Machine', '$(pass) tools']);
    });

    it("runs the repair when a broken item's button is pressed", async () => {
        const services = fakeServices({ folder: folder('/work/proj') });
        services.store.upsert(hereBroken);
        services.sidecar.request.resolves({ environments: [] });
        sinon.stub(api, 'workspaceFolders').returns([folder('/work/proj')]);
        const repairStub = sinon.stub(repair, 'repairEnvironment').resolves('applied');
        sinon.stub(api, 'createQuickPick').callsFake(() => fakeQuickPick((qp) => qp.triggerButton(qp.items.find((i) => i.label === '$(error) old-env'))) as never);
        await selectInterpreter(services);
        assert.deepStrictEqual(repairStub.firstCall.args.slice(1), ['/work/proj/old-env']);
    });
});

/** A QuickPick whose user acts through `act` once it is shown. */
function fakeQuickPick(act: (qp: ReturnType<typeof makeQuickPick>) => void) {
    const qp = makeQuickPick();
    qp.show = () => setImmediate(() => act(qp));
    return qp;
}

function makeQuickPick() {
    const handlers: Record<string, ((e?: unknown) => void)[]> = { accept: [], button: [], hide: [] };
    const on = (name: string) => (handler: (e?: unknown) => void) => {
        handlers[name].push(handler);
        return { dispose: () => undefined };
    };
    const qp = {
        items: [] as vscode.QuickPickItem[],
        selectedItems: [] as vscode.QuickPickItem[],
        title: '',
        placeholder: '',
        matchOnDescription: false,
        matchOnDetail: false,
        busy: false,
        onDidAccept: on('accept'),
        onDidTriggerItemButton: on('button'),
        onDidHide: on('hide'),
        show: () => undefined as unknown,
        hide: () => handlers.hide.forEach((h) => h()),
        dispose: () => undefined,
        triggerButton: (item: vscode.QuickPickItem | undefined) => handlers.button.forEach((h) => h({ item, button: item?.buttons?.[0] })),
    };
    return qp;
}
