// A workspace whose folder names, findings and settings values carry escape sequences, line breaks, Markdown, HTML,
// links and icons, shown through each place a workspace string reaches the UI: a notification (through the real
// vscodeApi wrapper), its Details report, the tree, the status item, the picker and the report.
import * as assert from 'assert';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { buildPickerItems } from '../../../features/interpreterPicker';
import { Notifier } from '../../../features/notifications';
import { renderReport } from '../../../features/report';
import { statusView } from '../../../features/statusBar';
import { reportPreviews } from '../../../features/views/reportView';
import { EnvironmentTreeProvider } from '../../../features/views/environmentTreeProvider';
import { TreeNode, TreeState } from '../../../features/views/environmentTreeModel';
import { SessionState } from '../../../sidecar/sidecarSession';
import { Environment } from '../../../sidecar/protocol';
import { HOSTILE_NAMES, hasRawControl } from '../hostileText';
import { brokenEnv, env, fakeServices, folder } from '../helpers';

const TITLE = '\x1b]0;pwned\x07';
const SHOWN_TITLE = '\\x1b]0;pwned\\x07';

/** Markdown with its code spans taken out: what is left is rendered, so no name may bring syntax into it. */
function prose(markdown: string): string {
    return markdown.replace(/(`+)[\s\S]*?\1/g, '');
}

/** A broken environment whose folder name, finding message and evidence are all hostile. */
function hostileEnv(name: string, parent = '/work/proj'): Environment {
    return brokenEnv(`${parent}/${name}`, {
        prompt: `${name}\x1b[2J`,
        findings: [{ code: 'moved', severity: 'error', message: `This environment was moved from /old/${name}.`, data: { recordedPath: `/old/${name}` } }],
        suggestions: [{ action: 'relocate', title: `Update the paths recorded for /old/${name}`, data: {} }],
    });
}

describe('hostile names on their way to the UI', () => {
    afterEach(() => {
        sinon.restore();
        delete (vscode.window as Record<string, unknown>).showWarningMessage;
    });

    it('a notification gets its text escaped by the vscodeApi wrapper, with no link, and its Details report escaped too', async () => {
        const shown = sinon.stub().resolves('Details');
        (vscode.window as Record<string, unknown>).showWarningMessage = shown;
        const command = sinon.stub(api, 'executeCommand').resolves();
        const to = `/work/proj/${TITLE}[x](command:evil)`;
        await new Notifier(fakeServices({ folder: folder('/work/proj') })).onMoved({ from: `/work/old/${TITLE}`, to, diagnosis: hostileEnv(`${TITLE}[x](command:evil)`) });

        const message = shown.firstCall.args[0] as string;
        assert.ok(!hasRawControl(message), JSON.stringify(message));
        assert.ok(message.includes(SHOWN_TITLE), message);
        assert.doesNotMatch(message, /\]\(/);
        const details = reportPreviews.provideTextDocumentContent(command.firstCall.args[1] as vscode.Uri);
        assert.ok(!hasRawControl(details), JSON.stringify(details));
        assert.ok(details.includes(SHOWN_TITLE), details);
        assert.doesNotMatch(prose(details), /[^\\]\[x\]/, 'no Markdown link in the report');
    });

    it('the tree shows labels, descriptions and tooltips escaped', () => {
        for (const name of HOSTILE_NAMES) {
            const environment = hostileEnv(name);
            const state: TreeState = { folders: [{ name: 'proj', fsPath: '/work/proj' }], environments: [environment], interpreters: [], usedBy: () => undefined, lastRepairPath: undefined };
            const provider = new EnvironmentTreeProvider(() => state, () => true);
            const nodes: TreeNode[] = [
                { kind: 'environment', id: 'e', environment, folder: state.folders[0] },
                { kind: 'finding', id: 'f', environment, finding: environment.findings![0] },
                { kind: 'suggestion', id: 's', environment, suggestion: environment.suggestions![0] },
            ];
            for (const node of nodes) {
                const item = provider.getTreeItem(node);
                const tooltip = (item.tooltip as vscode.MarkdownString | undefined)?.value ?? '';
                for (const text of [item.label as string, String(item.description ?? '')]) {
                    assert.ok(!hasRawControl(text) && !text.includes('\n'), `${node.kind}: ${JSON.stringify(text)}`);
                }
                assert.ok(!hasRawControl(tooltip), `${node.kind} tooltip: ${JSON.stringify(tooltip)}`);
                assert.doesNotMatch(prose(tooltip), /(^|[^\\])(\[x\]|<img|\*\*bold)/, `${node.kind} tooltip keeps no Markdown from the name: ${tooltip}`);
            }
        }
    });

    it('the status item and its tooltip show the name escaped, drawing no icon from it', () => {
        const environment = hostileEnv('$(error) fake\x1b[2J');
        const view = statusView({ scanning: false, sessionState: SessionState.Running, active: { folder: { name: 'proj', fsPath: '/work/proj' }, source: 'python-extension', interpreterPath: environment.interpreter ?? undefined, environment, missing: false } });
        assert.ok(!hasRawControl(view.text) && !hasRawControl(view.tooltip), JSON.stringify(view));
        assert.match(view.text, /\\\$\(error\) fake\\x1b\[2J/);
    });

    it('the picker shows names, prompts and messages escaped', () => {
        const environments = HOSTILE_NAMES.map((name) => hostileEnv(name));
        const items = buildPickerItems({ environments, interpreters: [], settings: [] }, { name: 'proj', fsPath: '/work/proj' }, [], undefined);
        for (const item of items) {
            for (const text of [item.label, item.description ?? '', item.detail ?? '']) {
                assert.ok(!hasRawControl(text) && !text.includes('\n'), JSON.stringify(text));
            }
        }
        assert.ok(items.some((i) => i.label.includes(SHOWN_TITLE)));
    });

    it('the report escapes every value, keeps table rows whole, and shows a suggested command exactly in a code span', () => {
        const command = "/work/proj/$'x\\ny'/bin/python -m pip install --force-reinstall --no-deps -- 'a`b'";
        const environments = HOSTILE_NAMES.map((name) => hostileEnv(name));
        environments.push(env('/work/proj/native', { health: 'broken', suggestions: [{ action: 'reinstall-binaries', title: 'Reinstall numpy', data: { command } }] }));
        const text = renderReport({
            environments,
            interpreters: [{ executable: `/opt/${TITLE}/python3`, version: '3.12.1', source: 'pyenv', prefix: null }],
            settings: [{ file: `/work/proj/.vscode/settings.json`, key: 'python.defaultInterpreterPath', value: `/gone|${TITLE}|x\n| injected |`, resolves: false, suggestion: null, unreadable: null }],
            skipped: [{ path: `/work/proj/<img src=x>${TITLE}`, reason: `loop **here**` }],
        });
        assert.ok(!hasRawControl(text), JSON.stringify(text));
        assert.doesNotMatch(prose(text), /(^|[^\\])(<img|\[x\]\(|\*\*bold|\*\*here)/m);
        const row = text.split('\n').find((l) => l.includes('python.defaultInterpreterPath'))!;
        assert.strictEqual(row.replace(/\\\|/g, '').split('|').length, 7, `the table row keeps its five cells: ${row}`);
        assert.ok(text.includes(`  - command: \`\`${command}\`\``), text);
    });
});
