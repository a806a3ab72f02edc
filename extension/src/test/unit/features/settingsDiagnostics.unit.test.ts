import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as sinon from 'sinon';
import * as vscode from 'vscode';
import * as api from '../../../common/vscodeApi';
import { CommandIds } from '../../../features/commands';
import { SettingsDiagnostics, findValueRange, offsetToPosition, settingProblems } from '../../../features/settingsDiagnostics';
import { InterpreterSetting } from '../../../sidecar/protocol';
import { staleSetting } from '../helpers';

const settingsText = [
    '{',
    '    // where the project venv lives',
    '    "editor.tabSize": 4,',
    '    "python.defaultInterpreterPath": "/work/old/.venv/bin/python",',
    '}',
].join('\n');

const stale: InterpreterSetting = staleSetting;

describe('settings diagnostics', () => {
    afterEach(() => sinon.restore());

    it('finds the value range in a settings file with comments and a trailing comma', () => {
        const range = findValueRange(settingsText, 'python.defaultInterpreterPath', stale.file)!;
        assert.strictEqual(settingsText.substr(range.offset, range.length), '"/work/old/.venv/bin/python"');
        assert.deepStrictEqual(offsetToPosition(settingsText, range.offset), { line: 3, character: 37 });
    });

    it('looks under "settings" in a .code-workspace file', () => {
        const text = '{ "folders": [], "settings": { "python.defaultInterpreterPath": "x" } }';
        const range = findValueRange(text, 'python.defaultInterpreterPath', '/w/a.code-workspace')!;
        assert.strictEqual(text.substr(range.offset, range.length), '"x"');
        assert.strictEqual(findValueRange(text, 'python.defaultInterpreterPath', '/w/.vscode/settings.json'), undefined);
    });

    it('reports only settings that do not resolve, with where the environment went', () => {
        const problems = settingProblems([stale, { ...stale, resolves: true }], () => settingsText);
        assert.strictEqual(problems.length, 1);
        assert.deepStrictEqual(problems[0].start, { line: 3, character: 37 });
        assert.deepStrictEqual(problems[0].end, { line: 3, character: 65 });
        assert.strictEqual(
            problems[0].message,
            'python.defaultInterpreterPath points to "/work/old/.venv/bin/python", which does not exist. The environment is now at /work/proj/.venv/bin/python.',
        );
    });

    it('skips unreadable files and files without the key', () => {
        assert.deepStrictEqual(settingProblems([stale], () => undefined), []);
        assert.deepStrictEqual(settingProblems([stale], () => '{ "other": 1 }'), []);
    });

    it('says at the top of a file the sidecar could not read why it was not checked, without reading it here', () => {
        const unreadable: InterpreterSetting = { file: '/work/proj/.vscode/settings.json', key: '', value: '', resolves: false, suggestion: null, unreadable: 'is a FIFO, not a regular file' };
        const problems = settingProblems([unreadable], () => assert.fail('a file the sidecar refused is not read again (a FIFO would block)'));
        assert.deepStrictEqual(problems, [
            {
                file: unreadable.file,
                start: { line: 0, character: 0 },
                end: { line: 0, character: 0 },
                message: 'Venv Doctor did not check the interpreter settings in this file: it is a FIFO, not a regular file.',
            },
        ]);
    });

    it('reads settings files without blocking: a FIFO planted as settings.json gives no text', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vd-fifo-'));
        const fifo = path.join(dir, 'settings.json');
        execFileSync('mkfifo', [fifo]);
        const set = sinon.stub();
        sinon.stub(api, 'createDiagnosticCollection').returns({ set, clear: sinon.stub(), dispose: sinon.stub() } as unknown as vscode.DiagnosticCollection);
        try {
            new SettingsDiagnostics().update([{ ...stale, file: fifo }]); // the default reader: returns, with nothing to underline
            assert.strictEqual(set.callCount, 0);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it('publishes a warning on the value and offers a quick fix that has the sidecar write the suggestion', () => {
        const set = sinon.stub();
        sinon.stub(api, 'createDiagnosticCollection').returns({ set, clear: sinon.stub(), dispose: sinon.stub() } as unknown as vscode.DiagnosticCollection);
        const diagnostics = new SettingsDiagnostics(() => settingsText);
        diagnostics.update([stale]);

        const [uri, published] = set.firstCall.args as [vscode.Uri, vscode.Diagnostic[]];
        assert.strictEqual(uri.fsPath, stale.file);
        assert.strictEqual(published.length, 1);
        assert.strictEqual(published[0].severity, vscode.DiagnosticSeverity.Warning);
        assert.strictEqual(published[0].source, 'Venv Doctor');
        assert.strictEqual(published[0].code, 'stale-interpreter-setting');
        assert.deepStrictEqual([published[0].range.start.line, published[0].range.start.character], [3, 37]);

        const document = { uri } as vscode.TextDocument;
        const actions = diagnostics.provideCodeActions(document, published[0].range, { diagnostics: published } as unknown as vscode.CodeActionContext);
        assert.strictEqual(actions.length, 1);
        assert.strictEqual(actions[0].title, 'Re-point to /work/proj/.venv/bin/python');
        assert.strictEqual(actions[0].kind, vscode.CodeActionKind.QuickFix);
        assert.strictEqual(actions[0].isPreferred, true);
        // The sidecar's journaled venv/setInterpreterSetting writes the file (so Undo Last Repair reverts it): no text edit here.
        assert.strictEqual(actions[0].edit, undefined);
        assert.deepStrictEqual(actions[0].command, {
            command: CommandIds.repointSetting,
            title: 'Re-point to /work/proj/.venv/bin/python',
            arguments: [stale.file, '/work/proj/.venv/bin/python'],
        });
    });

    it('in a .code-workspace file the quick fix is the sidecar\'s edit too, never a text edit of the document', () => {
        const set = sinon.stub();
        sinon.stub(api, 'createDiagnosticCollection').returns({ set, clear: sinon.stub(), dispose: sinon.stub() } as unknown as vscode.DiagnosticCollection);
        const text = '{ "folders": [], "settings": { "python.defaultInterpreterPath": "/work/old/.venv/bin/python" } }';
        const diagnostics = new SettingsDiagnostics(() => text);
        diagnostics.update([{ ...stale, file: '/work/proj.code-workspace' }]);
        const [uri, published] = set.firstCall.args as [vscode.Uri, vscode.Diagnostic[]];
        const actions = diagnostics.provideCodeActions({ uri } as vscode.TextDocument, published[0].range, { diagnostics: published } as unknown as vscode.CodeActionContext);
        assert.strictEqual(actions[0].edit, undefined);
        assert.deepStrictEqual(actions[0].command, {
            command: CommandIds.repointSetting,
            title: 'Re-point to /work/proj/.venv/bin/python',
            arguments: ['/work/proj.code-workspace', '/work/proj/.venv/bin/python'],
        });
    });

    it('offers no fix when the sidecar has no suggestion', () => {
        const set = sinon.stub();
        sinon.stub(api, 'createDiagnosticCollection').returns({ set, clear: sinon.stub(), dispose: sinon.stub() } as unknown as vscode.DiagnosticCollection);
        const diagnostics = new SettingsDiagnostics(() => settingsText);
        diagnostics.update([{ ...stale, suggestion: null }]);
        const [uri, published] = set.firstCall.args as [vscode.Uri, vscode.Diagnostic[]];
        assert.strictEqual(published[0].message, 'python.defaultInterpreterPath points to "/work/old/.venv/bin/python", which does not exist.');
        const actions = diagnostics.provideCodeActions({ uri } as vscode.TextDocument, published[0].range, { diagnostics: published } as unknown as vscode.CodeActionContext);
        assert.deepStrictEqual(actions, []);
    });
});
