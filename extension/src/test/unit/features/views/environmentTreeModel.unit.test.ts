import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BaseInterpreter, Environment } from '../../../../sidecar/protocol';
import { FolderRef } from '../../../../features/activeInterpreter';
import { EnvironmentStore } from '../../../../features/environmentStore';
import {
    GroupLabels,
    TreeNode,
    TreeState,
    childrenOf,
    environmentLabel,
    isBuiltOn,
    itemView,
    rootNodes,
    workspaceIsEmpty,
} from '../../../../features/views/environmentTreeModel';
import { brokenEnv, env } from '../../helpers';

const app: FolderRef = { name: 'app', fsPath: '/work/app' };
const lib: FolderRef = { name: 'lib', fsPath: '/work/lib' };
const py312: BaseInterpreter = { executable: '/opt/py312/bin/python3.12', version: '3.12.1', source: 'pyenv', prefix: '/opt/py312' };
const py311: BaseInterpreter = { executable: '/usr/bin/python3.11', version: '3.11.2', source: 'system', prefix: '/usr' };

function state(environments: Environment[], overrides: Partial<TreeState> = {}): TreeState {
    return { folders: [app, lib], environments, interpreters: [py312, py311], usedBy: () => undefined, lastRepairPath: undefined, ...overrides };
}

const labels = (nodes: TreeNode[], s: TreeState) => nodes.map((n) => itemView(n, s).label);
const find = (nodes: TreeNode[], kind: TreeNode['kind']) => nodes.find((n) => n.kind === kind)!;

describe('Environments view model', () => {
    const warning = env('/work/app/a/.venv', { health: 'warning', home: '/usr/bin', findings: [{ code: 'home-relative', severity: 'warning', message: 'home is relative.', data: {} }] });
    const broken = brokenEnv('/work/app/z/.venv', { home: '/opt/py312/bin' });
    const healthy = env('/work/app/.venv', { home: '/opt/py312/bin' });
    const other = env('/work/lib/.venv', { kind: 'uv', version: '3.11.2', home: '/usr/bin' });
    const machine = env('/home/u/.virtualenvs/tools', { manager: 'virtualenvwrapper', home: '/opt/py312/bin' });
    const pyenvBase = env('/opt/py312', { kind: 'pyenv', manager: 'pyenv' });

    it('groups by workspace folder, then This machine, then Installed Pythons', () => {
        const s = state([healthy, machine, other, pyenvBase]);
        assert.deepStrictEqual(labels(rootNodes(s), s), ['app', 'lib', GroupLabels.machine, GroupLabels.installed]);
        const machineGroup = childrenOf(find(rootNodes(s), 'machine'), s);
        // A pyenv base is an installed Python, not an environment of this machine.
        assert.deepStrictEqual(machineGroup.map((n) => n.kind === 'environment' && n.environment.path), [machine.path]);
    });

    it('leaves out the machine group when nothing outside the workspace is known', () => {
        const s = state([healthy], { interpreters: [] });
        assert.deepStrictEqual(labels(rootNodes(s), s), ['app', 'lib']);
    });

    it('orders a folder by health (broken, warning, ok), then path, labelled relative to the folder', () => {
        const s = state([healthy, warning, broken, other]);
        const appNode = rootNodes(s)[0];
        assert.deepStrictEqual(labels(childrenOf(appNode, s), s), ['z/.venv', 'a/.venv', '.venv']);
        assert.deepStrictEqual(labels(childrenOf(rootNodes(s)[1], s), s), ['.venv']);
    });

    it('puts an environment under the innermost folder of a nested multi-root workspace', () => {
        const inner: FolderRef = { name: 'svc', fsPath: '/work/app/svc' };
        const nested = env('/work/app/svc/.venv');
        const s = state([healthy, nested], { folders: [app, inner] });
        const [appNode, innerNode] = rootNodes(s);
        assert.deepStrictEqual(labels(childrenOf(appNode, s), s), ['.venv']);
        assert.deepStrictEqual(labels(childrenOf(innerNode, s), s), ['.venv']);
        assert.strictEqual(childrenOf(innerNode, s)[0].id, 'env:/work/app/svc/.venv');
    });

    it('shows a placeholder in a folder without environments, and is empty (welcome content) when no folder has one', () => {
        const s = state([healthy]);
        assert.deepStrictEqual(labels(childrenOf(rootNodes(s)[1], s), s), [GroupLabels.noEnvironment]);
        assert.strictEqual(workspaceIsEmpty(s), false);
        assert.strictEqual(workspaceIsEmpty(state([machine])), true);
    });

    it('labels an environment with health icon, "version · kind", and a tooltip with the top finding and interpreter', () => {
        const s = state([broken]);
        const node = childrenOf(rootNodes(s)[0], s)[0];
        const view = itemView(node, s);
        assert.strictEqual(view.label, 'z/.venv');
        assert.strictEqual(view.description, '3.12.1 · venv');
        assert.deepStrictEqual(view.icon, { id: 'error', color: 'list.errorForeground' });
        assert.match(view.tooltip!, /error: The base interpreter \/usr\/bin\/python3\.12 is gone\./);
        assert.match(view.tooltip!, /Interpreter: `\/work\/app\/z\/\.venv\/bin\/python`/);
        assert.strictEqual(view.collapsible, 'collapsed');
        const ok = state([healthy]);
        assert.deepStrictEqual(itemView(childrenOf(rootNodes(ok)[0], ok)[0], ok).icon, { id: 'pass', color: 'testing.iconPassed' });
        assert.strictEqual(itemView(childrenOf(rootNodes(ok)[0], ok)[0], ok).collapsible, 'none');
    });

    it('marks the environment the folder uses', () => {
        const s = state([healthy, warning], { usedBy: (f) => (f.fsPath === app.fsPath ? '/work/app/.venv/bin/python' : undefined) });
        const views = childrenOf(rootNodes(s)[0], s).map((n) => itemView(n, s));
        assert.deepStrictEqual(views.map((v) => v.description), ['3.12.1 · venv', 'selected · 3.12.1 · venv']);
    });

    it('lists each finding (severity icon, message) and then each suggestion as children', () => {
        const s = state([broken]);
        const children = childrenOf(childrenOf(rootNodes(s)[0], s)[0], s);
        assert.deepStrictEqual(children.map((n) => [n.kind, itemView(n, s).label, itemView(n, s).icon?.id]), [
            ['finding', 'The base interpreter /usr/bin/python3.12 is gone.', 'error'],
            ['suggestion', 'Relink to Python 3.12.4', 'lightbulb'],
            ['suggestion', 'Recreate the environment', 'lightbulb'],
        ]);
    });

    it('offers on each item only the actions that apply (its context value)', () => {
        const s = state([broken, healthy, machine], { lastRepairPath: healthy.path });
        const [brokenNode, healthyNode] = childrenOf(rootNodes(s)[0], s);
        const machineNode = childrenOf(find(rootNodes(s), 'machine'), s)[0];
        assert.strictEqual(itemView(brokenNode, s).contextValue, ';environment;repairable;recreatable;hasInterpreter;usable;inWorkspace;');
        assert.strictEqual(itemView(healthyNode, s).contextValue, ';environment;recreatable;undoable;hasInterpreter;usable;inWorkspace;');
        assert.strictEqual(itemView(machineNode, s).contextValue, ';environment;recreatable;hasInterpreter;usable;');
        // The environment the folder already uses is not offered "Use as Interpreter" again.
        const selected = state([healthy], { usedBy: () => healthy.interpreter ?? undefined });
        assert.strictEqual(itemView(childrenOf(rootNodes(selected)[0], selected)[0], selected).contextValue, ';environment;recreatable;hasInterpreter;inWorkspace;');
        const conda = env('/work/app/env', { kind: 'conda', interpreter: null });
        const cs = state([conda]);
        assert.strictEqual(itemView(childrenOf(rootNodes(cs)[0], cs)[0], cs).contextValue, ';environment;inWorkspace;');
    });

    it('lists under each installed Python the environments built on it', () => {
        const s = state([healthy, broken, other, machine]);
        const installed = childrenOf(find(rootNodes(s), 'installed'), s);
        assert.deepStrictEqual(labels(installed, s), ['Python 3.12.1', 'Python 3.11.2']);
        const on312 = childrenOf(installed[0], s);
        assert.deepStrictEqual(on312.map((n) => n.kind === 'environment' && n.environment.path), [broken.path, machine.path, healthy.path]);
        // Ids stay unique though the same environments are also under their folders.
        assert.ok(on312.every((n) => n.id.startsWith('base:/opt/py312/bin/python3.12/env:')));
        assert.deepStrictEqual(labels(on312, s), ['z/.venv', os.homedir() === '/home/u' ? '~/.virtualenvs/tools' : '/home/u/.virtualenvs/tools', '.venv']);
        assert.deepStrictEqual(childrenOf(installed[1], s).map((n) => n.kind === 'environment' && n.environment.path), [other.path]);
        assert.ok(isBuiltOn(env('/x', { home: '/opt/py312/bin/' }), py312), 'a trailing separator in home is the same folder');
        assert.ok(!isBuiltOn(env('/x', { home: null }), py312));
    });

    it('names environments outside the workspace with ~ for the home folder', () => {
        const home = os.homedir();
        assert.strictEqual(environmentLabel(env(path.join(home, '.virtualenvs', 'tools')), undefined), '~/.virtualenvs/tools');
        assert.strictEqual(environmentLabel(env('/srv/envs/x'), undefined), '/srv/envs/x');
    });

    describe('live updates from the store', () => {
        it('a move replaces the item at its new place (one change), keeping order by health', () => {
            const store = new EnvironmentStore();
            let changes = 0;
            store.onDidChange(() => changes++);
            store.upsert(healthy);
            store.upsert(warning);
            const before = changes;
            const moved = brokenEnv('/work/app/renamed', { findings: [{ code: 'moved', severity: 'error', message: 'Moved from /work/app/.venv.', data: {} }] });
            store.move({ from: healthy.path, to: moved.path, diagnosis: moved });
            assert.strictEqual(changes - before, 1, 'one redraw, not a remove then an add');
            const s = state(store.environments);
            assert.deepStrictEqual(labels(childrenOf(rootNodes(s)[0], s), s), ['renamed', 'a/.venv']);
        });

        it('a change of health changes the icon and the order; a removal removes the item', () => {
            const store = new EnvironmentStore();
            store.upsert(healthy);
            store.upsert(warning);
            store.upsert({ ...healthy, health: 'broken', findings: broken.findings, suggestions: broken.suggestions });
            let s = state(store.environments);
            let children = childrenOf(rootNodes(s)[0], s);
            assert.deepStrictEqual(children.map((n) => [itemView(n, s).label, itemView(n, s).icon?.id]), [['.venv', 'error'], ['a/.venv', 'warning']]);
            store.remove(warning.path);
            s = state(store.environments);
            children = childrenOf(rootNodes(s)[0], s);
            assert.deepStrictEqual(labels(children, s), ['.venv']);
        });
    });

    it('the package.json menus offer each action only on items whose context value has its flag', () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../package.json'), 'utf8'));
        const offered = (contextValue: string, group: (g: string) => boolean) =>
            (manifest.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[])
                .filter((m) => group(m.group) && matchesWhen(m.when, contextValue))
                .map((m) => m.command);
        const s = state([broken, healthy], { lastRepairPath: healthy.path });
        const [brokenNode, healthyNode] = childrenOf(rootNodes(s)[0], s);
        const inline = (g: string) => g.startsWith('inline');
        assert.deepStrictEqual(offered(itemView(brokenNode, s).contextValue!, inline), ['venvDoctor.view.repair', 'venvDoctor.view.useAsInterpreter']);
        assert.deepStrictEqual(offered(itemView(healthyNode, s).contextValue!, inline), ['venvDoctor.view.useAsInterpreter', 'venvDoctor.view.undoLastRepair']);
        assert.deepStrictEqual(offered(itemView(healthyNode, s).contextValue!, (g) => !inline(g)), [
            'venvDoctor.view.recreate',
            'venvDoctor.view.undoLastRepair',
            'venvDoctor.view.useAsInterpreter',
            'venvDoctor.view.reveal',
            'venvDoctor.view.copyInterpreterPath',
        ]);
        const suggestion = childrenOf(brokenNode, s).find((n) => n.kind === 'suggestion')!;
        assert.deepStrictEqual(offered(itemView(suggestion, s).contextValue!, inline), ['venvDoctor.view.applySuggestion']);
        const finding = childrenOf(brokenNode, s).find((n) => n.kind === 'finding')!;
        assert.deepStrictEqual(offered(itemView(finding, s).contextValue ?? '', () => true), []);
    });
});

/** The menus' when clauses are `view == X && viewItem =~ /;flag;/`: evaluated here as VS Code would. */
function matchesWhen(when: string, contextValue: string): boolean {
    const match = /^view == venvDoctor\.environments && viewItem =~ \/(.+)\/$/.exec(when);
    assert.ok(match, `unexpected when clause ${when}`);
    return new RegExp(match[1]).test(contextValue);
}
