// The Environments view's TreeDataProvider: turns the model's nodes into TreeItems and redraws when the store
// changes. Redraws are coalesced (a scan streams dozens of venv/found notifications), ids are stable (VS Code then
// keeps each item's expansion across redraws), and a moved environment keeps its expansion under its new id.
import * as vscode from 'vscode';
import { plainText } from '../../common/displayText';
import { Emitter, Event } from '../../common/emitter';
import { MovedNotification } from '../../sidecar/protocol';
import { TreeNode, TreeState, childrenOf, itemView, rootNodes, workspaceIsEmpty } from './environmentTreeModel';

/** Long enough to fold one burst of notifications into one redraw, short enough to feel immediate. */
export const REDRAW_DELAY_MS = 40;

export class EnvironmentTreeProvider implements vscode.TreeDataProvider<TreeNode> {
    private readonly changed = new Emitter<TreeNode | undefined>();
    private readonly expanded = new Set<string>();
    private pending: ReturnType<typeof setTimeout> | undefined;

    readonly onDidChangeTreeData: Event<TreeNode | undefined> = this.changed.event;

    /**
     * `state()` is read on every redraw. `available()` is false while the sidecar is not running: the view is then
     * empty and shows its welcome content (Restart, Show Log) instead of stale environments.
     */
    constructor(
        private readonly state: () => TreeState,
        private readonly available: () => boolean,
    ) {}

    getTreeItem(node: TreeNode): vscode.TreeItem {
        const view = itemView(node, this.state());
        let collapsible = view.collapsible;
        if (collapsible === 'collapsed' && this.expanded.has(node.id)) {
            collapsible = 'expanded';
        }
        // Labels and descriptions hold workspace names: shown escaped (the tooltip's Markdown escapes its own values).
        const item = new vscode.TreeItem(plainText(view.label), collapsibleStates[collapsible]);
        item.id = node.id;
        item.description = view.description === undefined ? undefined : plainText(view.description);
        item.contextValue = view.contextValue;
        if (view.tooltip) {
            const tooltip = new vscode.MarkdownString(view.tooltip, true);
            item.tooltip = tooltip;
        }
        if (view.icon) {
            item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
        }
        return item;
    }

    getChildren(node?: TreeNode): TreeNode[] {
        const state = this.state();
        if (!node) {
            return this.available() && !workspaceIsEmpty(state) ? rootNodes(state) : [];
        }
        return childrenOf(node, state);
    }

    /** Redraws soon; many calls in a burst make one redraw. */
    refresh(): void {
        if (this.pending) {
            return;
        }
        this.pending = setTimeout(() => {
            this.pending = undefined;
            this.changed.fire(undefined);
        }, REDRAW_DELAY_MS);
    }

    /** Expansion as the user left it (TreeView.onDidExpandElement / onDidCollapseElement). */
    setExpanded(node: TreeNode, expanded: boolean): void {
        if (expanded) {
            this.expanded.add(node.id);
        } else {
            this.expanded.delete(node.id);
        }
    }

    /** A moved environment is the same item at a new path: it stays open if it was. */
    onMoved(event: MovedNotification): void {
        const prefix = `env:${event.from}`;
        for (const id of [...this.expanded]) {
            if (id === prefix || id.startsWith(`${prefix}/`)) {
                this.expanded.delete(id);
                this.expanded.add(`env:${event.to}${id.slice(prefix.length)}`);
            }
        }
        this.refresh();
    }

    isExpanded(id: string): boolean {
        return this.expanded.has(id);
    }

    dispose(): void {
        if (this.pending) {
            clearTimeout(this.pending);
        }
        this.changed.dispose();
    }
}

const collapsibleStates = {
    none: vscode.TreeItemCollapsibleState.None,
    collapsed: vscode.TreeItemCollapsibleState.Collapsed,
    expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;
