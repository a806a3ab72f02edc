import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import { EnvironmentTreeProvider, REDRAW_DELAY_MS } from '../../../../features/views/environmentTreeProvider';
import { TreeNode, TreeState } from '../../../../features/views/environmentTreeModel';
import { brokenEnv, env } from '../../helpers';

describe('Environments view provider', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => (clock = sinon.useFakeTimers()));
    afterEach(() => clock.restore());

    const folder = { name: 'app', fsPath: '/work/app' };
    const state = (environments = [brokenEnv('/work/app/.venv')]): TreeState => ({
        folders: [folder],
        environments,
        interpreters: [],
        usedBy: () => undefined,
        lastRepairPath: undefined,
    });

    it('is empty while the sidecar is not running, so the welcome content (Restart, Show Log) shows', () => {
        let running = false;
        const provider = new EnvironmentTreeProvider(() => state(), () => running);
        assert.deepStrictEqual(provider.getChildren(), []);
        running = true;
        assert.deepStrictEqual(provider.getChildren().map((n) => n.id), ['folder:/work/app']);
    });

    it('folds a burst of changes into one redraw', () => {
        const provider = new EnvironmentTreeProvider(() => state(), () => true);
        let redraws = 0;
        provider.onDidChangeTreeData(() => redraws++);
        for (let i = 0; i < 30; i++) {
            provider.refresh();
        }
        assert.strictEqual(redraws, 0);
        clock.tick(REDRAW_DELAY_MS);
        assert.strictEqual(redraws, 1);
        provider.refresh();
        clock.tick(REDRAW_DELAY_MS);
        assert.strictEqual(redraws, 2);
    });

    it('makes TreeItems with stable ids, codicons and context values', () => {
        const provider = new EnvironmentTreeProvider(() => state(), () => true);
        const [envNode] = provider.getChildren(provider.getChildren()[0]);
        const item = provider.getTreeItem(envNode);
        assert.strictEqual(item.id, 'env:/work/app/.venv');
        assert.strictEqual(item.label, '.venv');
        assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'error');
        assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
        assert.match(item.contextValue!, /;repairable;/);
    });

    it('keeps a moved environment open under its new path', () => {
        let environments = [brokenEnv('/work/app/.venv')];
        const provider = new EnvironmentTreeProvider(() => state(environments), () => true);
        const [before] = provider.getChildren(provider.getChildren()[0]);
        provider.setExpanded(before, true);
        provider.onMoved({ from: '/work/app/.venv', to: '/work/app/renamed', diagnosis: brokenEnv('/work/app/renamed') });
        environments = [brokenEnv('/work/app/renamed')];
        const [after] = provider.getChildren(provider.getChildren()[0]) as TreeNode[];
        assert.strictEqual(after.id, 'env:/work/app/renamed');
        assert.strictEqual(provider.getTreeItem(after).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
        assert.ok(!provider.isExpanded('env:/work/app/.venv'));
        provider.setExpanded(after, false);
        assert.strictEqual(provider.getTreeItem(after).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
        // A healthy environment without findings has nothing to expand.
        environments = [env('/work/app/renamed')];
        const [healthy] = provider.getChildren(provider.getChildren()[0]);
        assert.strictEqual(provider.getTreeItem(healthy).collapsibleState, vscode.TreeItemCollapsibleState.None);
    });
});
